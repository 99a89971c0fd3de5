// The "Embed" dialog of the map page: choose size, live slider or locked date, timeline and
// theme and language; see a live preview; copy the iframe + loader snippet. The view (date, centre, zoom,
// window, filters) is read from the map page's address, which ConflictMap keeps in sync.
import {gettext} from '../i18n/i18n.js';
import {LANGUAGES} from '../i18n/languages.js';
import {el} from '../map/dom.js';
import {embedQuery, snippet} from './snippet.js';

export class EmbedBuilder {
  constructor(options) {
    this.options = {
      embedUrl: '',
      loaderUrl: '',
      title: '',
      // The embed's language: the map page's by default; [code, name in itself] as settings.LANGUAGES.
      lang: 'en',
      languages: LANGUAGES,
      ...options,
    };
  }

  // Builds the dialog into `parent` and opens it from `button`.
  onAdd(parent, button) {
    const field = (label, input) => el('label', {class: 'eb-field'}, el('span', {text: label}), input);
    this.size = el(
      'select',
      {name: 'size'},
      el('option', {value: 'responsive', text: gettext('Responsive (full width)')}),
      el('option', {value: 'fixed', text: gettext('Fixed')}),
    );
    this.width = el('input', {type: 'number', name: 'width', min: 200, max: 2000, value: 640});
    this.height = el('input', {type: 'number', name: 'height', min: 200, max: 3000, value: 600});
    this.mode = el(
      'select',
      {name: 'mode'},
      el('option', {value: 'live', text: gettext('Live date slider')}),
      el('option', {value: 'locked', text: gettext('Locked to the date shown')}),
    );
    this.timeline = el('input', {type: 'checkbox', name: 'timeline'});
    this.theme = el(
      'select',
      {name: 'theme'},
      el('option', {value: 'auto', text: gettext('Auto (the reader’s setting)')}),
      el('option', {value: 'light', text: gettext('Light')}),
      el('option', {value: 'dark', text: gettext('Dark')}),
    );
    this.lang = el(
      'select',
      {name: 'lang'},
      this.options.languages.map(([code, name]) =>
        el('option', {value: code, lang: code, selected: code === this.options.lang, text: name}),
      ),
    );
    this.code = el('textarea', {
      class: 'eb-code',
      rows: 5,
      readonly: true,
      'aria-label': gettext('Embed code'),
      spellcheck: 'false',
    });
    this.copyButton = el('button', {type: 'button', class: 'eb-copy', text: gettext('Copy code')});
    this.status = el('p', {class: 'eb-status', role: 'status'});
    this.preview = el('iframe', {
      class: 'eb-preview',
      title: gettext('Preview of the embed'),
      'data-conflictmap-embed': true,
    });
    const close = el('button', {type: 'button', class: 'eb-close', text: gettext('Close')});
    this.dialog = el(
      'dialog',
      {class: 'embed-builder', 'aria-labelledby': 'eb-title'},
      el('h2', {id: 'eb-title', text: gettext('Embed this map')}),
      el(
        'form',
        {class: 'eb-form', method: 'dialog'},
        field(gettext('Size'), this.size),
        field(gettext('Width (px)'), this.width),
        field(gettext('Height (px)'), this.height),
        field(gettext('Date'), this.mode),
        field(gettext('Show the timeline'), this.timeline),
        field(gettext('Theme'), this.theme),
        field(gettext('Language'), this.lang),
      ),
      this.code,
      el('div', {class: 'eb-actions'}, this.copyButton, close),
      this.status,
      el('h3', {text: gettext('Preview')}),
      this.preview,
    );
    parent.append(this.dialog);
    this.dialog.addEventListener('input', () => this.update());
    this.dialog.addEventListener('change', () => this.update());
    this.copyButton.addEventListener('click', () => this.copy());
    close.addEventListener('click', () => this.dialog.close());
    button.addEventListener('click', () => this.open());
    return this;
  }

  choices() {
    return {
      slider: this.mode.value === 'live',
      timeline: this.timeline.checked,
      theme: this.theme.value,
      lang: this.lang.value,
      size: {
        responsive: this.size.value === 'responsive',
        width: Number(this.width.value) || 640,
        height: Number(this.height.value) || 600,
      },
    };
  }

  src(view) {
    const query = embedQuery(view, this.choices());
    return this.options.embedUrl + (query ? `?${query}` : '');
  }

  update() {
    const choices = this.choices();
    this.width.disabled = choices.size.responsive;
    const src = this.src(window.location.search);
    this.code.value = snippet({src, loader: this.options.loaderUrl, title: this.options.title, size: choices.size});
    if (this.preview.getAttribute('src') !== src) this.preview.setAttribute('src', src);
    this.preview.style.width = choices.size.responsive ? '100%' : `${choices.size.width}px`;
    this.preview.style.height = `${choices.size.height}px`;
    this.status.textContent = '';
  }

  open() {
    this.update();
    this.dialog.showModal();
  }

  async copy() {
    this.code.select();
    try {
      await navigator.clipboard.writeText(this.code.value);
      this.status.textContent = gettext('Copied.');
    } catch {
      this.status.textContent = gettext('Select the code and copy it (Ctrl+C / Cmd+C).');
    }
  }
}
