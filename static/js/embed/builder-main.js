// Entry point of the embed builder on the map page: a separate module so the map page
// works the same without it.
import {language} from '../i18n/i18n.js';
import {loadPageCatalog} from '../i18n/page.js';
import {EmbedBuilder} from './EmbedBuilder.js';

const i18n = loadPageCatalog(); // the dialog's texts in the page's language
const button = document.getElementById('embed-button');
if (button) {
  const origin = window.location.origin;
  new EmbedBuilder({
    embedUrl: new URL(button.dataset.embedUrl, origin).href,
    loaderUrl: new URL(button.dataset.loaderUrl, origin).href,
    title: button.dataset.title,
    lang: language(),
    ...(i18n?.languages ? {languages: i18n.languages} : {}),
  }).onAdd(document.body, button);
  button.hidden = false;
}
