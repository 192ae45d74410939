import { render } from 'preact';
import { t } from '../../common/i18n';
import { Options } from '../../options/Options';
import '../../components/extension-page.css';
import './style.css';

document.title = t('optionsTitle');
render(<Options />, document.getElementById('app')!);
