// A LinkedIn member-view profile of about 1 MB with 20 certifications, built from the
// member-profile fixture (invented people), for the content-script benchmark.
import { readFixture } from '../extension/test/linkedin-fixtures';

export const CERTIFICATIONS = 20;

function certification(index: number, credentialUrl: string): string {
  const href = `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(credentialUrl)}&amp;urlhash=b${index}&amp;trk=public_profile_see-credential`;
  return `
  <li class="artdeco-list__item pvs-list__item--line-separated pvs-list__item--one-column" id="profilePagedListComponent-ACoAAEXAMPLE-LICENSES-AND-CERTIFICATIONS-VIEW-DETAILS-profile-ACoAAEXAMPLE-NONE-en-US-${index}" data-entry="cert-${index}">
    <div class="pvs-entity pvs-entity--padded" data-view-name="profile-component-entity">
      <div><a class="optional-action-target-wrapper display-flex" href="https://www.linkedin.com/company/issuer-${index}/"><img width="48" alt="Issuer ${index} logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a></div>
      <div class="display-flex flex-column full-width align-self-center">
        <div class="display-flex align-items-center mr1 hoverable-link-text t-bold"><span aria-hidden="true"><!---->Certification number ${index}<!----></span><span class="visually-hidden"><!---->Certification number ${index}<!----></span></div>
        <span class="t-14 t-normal"><span aria-hidden="true">Issuer ${index}</span></span>
        <span class="t-14 t-normal t-black--light"><span aria-hidden="true">Issued Mar 2025</span></span>
        <div class="pvs-list__outer-container"><ul class="pvs-list"><li class="pvs-list__item--with-top-padding"><div class="pvs-list__item--no-padding-in-columns">
          <a aria-label="Show credential" target="_blank" class="optional-action-target-wrapper artdeco-button artdeco-button--secondary artdeco-button--muted artdeco-button--2 inline-flex" href="${href}"><span class="artdeco-button__text">Show credential</span></a>
        </div></li></ul></div>
      </div>
    </div>
  </li>`;
}

function experience(index: number): string {
  return `
  <li class="artdeco-list__item pvs-list__item--line-separated pvs-list__item--one-column" id="profilePagedListComponent-ACoAAEXAMPLE-EXPERIENCE-${index}">
    <div class="pvs-entity pvs-entity--padded" data-view-name="profile-component-entity">
      <div><a class="optional-action-target-wrapper display-flex" data-field="experience_company_logo" href="https://www.linkedin.com/company/employer-${index}/"><img width="48" alt="Employer ${index} logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a></div>
      <div class="display-flex flex-column full-width align-self-center">
        <div class="display-flex flex-row justify-space-between"><div class="display-flex flex-column full-width">
          <div class="display-flex align-items-center mr1 t-bold"><span aria-hidden="true">Role number ${index}</span><span class="visually-hidden">Role number ${index}</span></div>
          <span class="t-14 t-normal"><span aria-hidden="true">Employer ${index} · Full-time</span><span class="visually-hidden">Employer ${index} · Full-time</span></span>
          <span class="t-14 t-normal t-black--light"><span aria-hidden="true">Jan 20${10 + (index % 15)} - Dec 20${11 + (index % 15)} · 1 yr</span></span>
        </div></div>
        <div class="pvs-list__outer-container"><ul class="pvs-list">
          <li class="pvs-list__item--with-top-padding"><div class="inline-show-more-text inline-show-more-text--is-collapsed full-width"><span aria-hidden="true">${'Inspected welds, trained apprentices, wrote reports and audited suppliers across three yards. '.repeat(6)}</span></div></li>
          <li class="pvs-list__item--with-top-padding"><a class="optional-action-target-wrapper artdeco-button artdeco-button--secondary" aria-label="Show project ${index}" href="https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fprojects.example%2F${index}&amp;urlhash=p${index}">Show project</a></li>
          <li class="pvs-list__item--with-top-padding"><div class="display-flex"><span aria-hidden="true">Skills: Welding Inspection · NDT · Quality Audits · Team Leadership</span></div></li>
        </ul></div>
      </div>
    </div>
  </li>`;
}

/** The member-profile fixture with 20 BadgeLens certifications and padded to about `targetBytes`. */
export function buildLargeProfile(credentialUrls: string[], targetBytes = 1_050_000): string {
  const fixture = readFixture('member-profile');
  const certifications = credentialUrls.map((url, index) => certification(index, url)).join('');
  let html = fixture.replace(/(<section id="ember67"[\s\S]*?<ul class="pvs-list ph5 display-flex flex-row flex-wrap">)[\s\S]*?(<\/ul>\s*<\/div>\s*<div class="pvs-list__footer-wrapper">)/, `$1${certifications}$2`);
  const experiences: string[] = [];
  let index = 0;
  while (html.length + experiences.join('').length < targetBytes) experiences.push(experience(index++));
  html = html.replace(/(<section id="ember52"[\s\S]*?<ul class="pvs-list ph5 display-flex flex-row flex-wrap">)/, `$1${experiences.join('')}`);
  // The fixture's own placeholders (the sample entries were replaced) must not remain.
  if (html.includes('{{')) throw new Error('unfilled placeholder in the bench page');
  return html;
}
