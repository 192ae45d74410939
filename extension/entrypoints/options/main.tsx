import { render } from 'preact';
import { t } from '../../common/i18n';
import { Options } from '../../options/Options';
import './style.css';

document.title = t('optionsTitle');
render(<Options />, document.getElementById('app')!);
