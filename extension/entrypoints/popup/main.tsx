import { render } from 'preact';
import { createEarnerClient } from '../../earner/client';
import { Popup } from '../../earner/Popup';
import '../../components/extension-page.css';
import './style.css';

render(<Popup client={createEarnerClient()} />, document.getElementById('app')!);
