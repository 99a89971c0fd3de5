// Entry point of the embed builder on the map page: a separate module so the map page
// works the same without it.
import {EmbedBuilder} from './EmbedBuilder.js';

const button = document.getElementById('embed-button');
if (button) {
  const origin = window.location.origin;
  new EmbedBuilder({
    embedUrl: new URL(button.dataset.embedUrl, origin).href,
    loaderUrl: new URL(button.dataset.loaderUrl, origin).href,
    title: button.dataset.title,
  }).onAdd(document.body, button);
  button.hidden = false;
}
