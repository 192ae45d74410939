// browser.i18n for the extension's unit tests (WXT's fake browser has none): the English messages.
import { fakeBrowser } from 'wxt/testing';
import messages from '../public/_locales/en/messages.json';
import { formatMessage, type Message } from './messages';

fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => formatMessage(messages as Record<string, Message>, key, substitutions)) as typeof fakeBrowser.i18n.getMessage;
fakeBrowser.i18n.getUILanguage = () => 'en-US';
