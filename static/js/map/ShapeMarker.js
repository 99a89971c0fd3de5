// A CircleMarker drawn as another shape (square, diamond, triangle...), so
// symbols differ by shape as well as colour. Works with the SVG and the
// Canvas renderers through their polygon drawing.
import {L, withDefaults} from './leaflet.js';
import {shapePoints} from './symbols.js';

export class ShapeMarker extends L.CircleMarker {
  setShape(shape) {
    if (this.options.shape !== shape) {
      this.options.shape = shape;
      this.redraw();
    }
    return this;
  }

  _updatePath() {
    const points = shapePoints(this.options.shape, this._point.x, this._point.y, this._radius);
    if (!points) {
      super._updatePath();
      return;
    }
    this._parts = [points];
    this._renderer._updatePoly(this, true);
  }
}

withDefaults(ShapeMarker, {shape: 'circle'});
