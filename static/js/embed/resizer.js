// Posts the embed's height to the page that frames it, so static/embed.js (the loader on the
// article page) can size the iframe to its content. Message format (documented in README):
//   {type: "conflictmap:resize", id: "<conflict slug>", height: <CSS pixels, integer>}
// It is sent on load, on every size change, and again when the loader asks with
// {type: "conflictmap:hello"} (the loader may load after the embed). The target origin is "*":
// the embed cannot know the article's origin, and the message carries nothing but a height.

export class EmbedResizer {
  constructor(element, options = {}) {
    this.element = element;
    this.options = {id: '', target: window.parent, ...options};
    this.lastHeight = 0;
    this.onMessage = this.onMessage.bind(this);
  }

  onAdd() {
    if (this.options.target === window) return this; // not framed: nothing to tell
    this.observer = new ResizeObserver(() => this.post());
    this.observer.observe(this.element);
    window.addEventListener('message', this.onMessage);
    this.post(true);
    return this;
  }

  onRemove() {
    if (this.observer) this.observer.disconnect();
    window.removeEventListener('message', this.onMessage);
  }

  height() {
    return Math.ceil(this.element.getBoundingClientRect().height);
  }

  post(force = false) {
    const height = this.height();
    if (!force && height === this.lastHeight) return;
    this.lastHeight = height;
    this.options.target.postMessage({type: 'conflictmap:resize', id: this.options.id, height}, '*');
  }

  onMessage(event) {
    if (event.source !== this.options.target) return;
    if (event.data && event.data.type === 'conflictmap:hello') this.post(true);
  }
}
