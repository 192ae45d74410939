// The pill near the profile's name that sums up the page's badges.
import { t } from '../common/i18n';

export function SummaryPill({ text, tone, dark }: { text: string; tone: 'verified' | 'warning' | 'neutral'; dark: boolean }) {
  return (
    <span class="overlay" data-theme={dark ? 'dark' : 'light'}>
      <span class={`pill chip chip--${tone}`} role="status" aria-label={t('summaryLabel', text)}>
        <span class="chip-icon" aria-hidden="true">
          {tone === 'verified' ? '✓' : tone === 'warning' ? '!' : '•'}
        </span>
        <span class="chip-label">{text}</span>
      </span>
    </span>
  );
}
