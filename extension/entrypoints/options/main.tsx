import { render } from 'preact';
import { Options } from '../../options/Options';
import './style.css';

render(<Options />, document.getElementById('app')!);
