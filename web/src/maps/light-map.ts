/**
 * The light map of the worker's page (/m/CODE): no map library. Shapes are SVG paths, marks are
 * the HTML of marks.ts placed over them, and under both lies the self-hosted base map: 256-px
 * Web-Mercator tiles (`/tiles/{z}/{x}/{y}.svg`) as <img> elements; a tile that fails to load is
 * hidden, so the map still shows the compound without them. Pan by dragging, zoom with the
 * buttons (44 px), the wheel, a double tap or two fingers; the attribution of the base map's data
 * is always on the map. See mercator.ts for the arithmetic.
 */

import { declutter, fitPadding, zoomClasses } from './marks';
import { boxOf, clampZoom, fitView, fromScreen, project, tilesInView, toScreen, unproject, visibleBox, zoomAround, type LatLngBox, type View } from './mercator';
import { tm } from './messages';
import type { Position } from './geo';
import './light-map.css';

export type { LatLngBox } from './mercator';

export interface TileSource {
  url: (z: number, x: number, y: number) => string;
  minZoom: number;
  maxZoom: number;
}

export interface LightMapOptions {
  minZoom: number;
  maxZoom: number;
  /** [lat, lon] shown until the map is fitted to something. */
  center: [number, number];
  zoom: number;
  /** The base map; none: the shapes on the plain background. */
  tiles?: TileSource | null;
  /** Called with a popup's element once it is on screen (its photos load then). */
  onPopupOpen?: (element: HTMLElement) => void;
}

/** Something drawn on the map, taken off again with remove(). */
export interface Layer {
  remove(): void;
}

export interface ShapeOptions {
  /** Attributes of the <path> (class, stroke, fill …). */
  attributes: Record<string, string>;
  /** Drawn in the route layer, over the compound's shapes. */
  over?: boolean;
  onClick?: (event: MouseEvent, at: [number, number]) => void;
}

export interface MarkOptions {
  /** Stacking (marks.ts MARK_Z). */
  z: number;
  wrapClass?: string;
  title?: string;
  onClick?: (event: MouseEvent) => void;
}

interface Shape {
  path: SVGPathElement;
  rings: Array<Array<[number, number]>>;
  closed: boolean;
}

interface Mark {
  element: HTMLElement;
  x: number;
  y: number;
}

/** The base-map tiles kept on screen while the next zoom's arrive. */
interface Tile {
  img: HTMLImageElement;
  z: number;
  x: number;
  y: number;
  state: 'waiting' | 'loading' | 'done';
}

const SVG = 'http://www.w3.org/2000/svg';
/** Tiles fetched at once: the rest of the connections stay free for the page's own calls. */
const TILE_REQUESTS = 4;
/** A pointer that moves less than this is a tap, not a drag. */
const TAP_SLOP = 5;

const pathData = (rings: Array<Array<[number, number]>>, closed: boolean, toPx: (x: number, y: number) => [number, number]): string => {
  let d = '';
  for (const ring of rings) {
    ring.forEach(([x, y], i) => {
      const [sx, sy] = toPx(x, y);
      d += `${i === 0 ? 'M' : 'L'}${sx.toFixed(1)} ${sy.toFixed(1)}`;
    });
    if (closed && ring.length > 2) d += 'Z';
  }
  return d;
};

export class LightMap {
  readonly container: HTMLElement;
  private readonly options: LightMapOptions;
  private view: View;
  /** The view the shapes and marks were last laid out for; a pan only moves their pane. */
  private laidOut: View | null = null;
  private width = 0;
  private height = 0;
  private readonly tilePane: HTMLElement;
  private readonly pane: HTMLElement;
  private readonly svg: SVGSVGElement;
  private readonly groups: { under: SVGGElement; over: SVGGElement };
  private readonly markPane: HTMLElement;
  private readonly popupPane: HTMLElement;
  private readonly zoomIn: HTMLButtonElement;
  private readonly zoomOut: HTMLButtonElement;
  private readonly shapes = new Set<Shape>();
  private readonly marks = new Set<Mark>();
  private readonly tiles = new Map<string, Tile>();
  private tilesLoading = 0;
  private popup: Mark | null = null;
  private frame = 0;
  private settleTimer = 0;
  private sizedCallbacks: Array<() => void> = [];
  private readonly moveEndCallbacks: Array<() => void> = [];
  private readonly resizer: ResizeObserver | null;
  private readonly detach: Array<() => void> = [];
  private removed = false;

  constructor(container: HTMLElement, options: LightMapOptions) {
    this.container = container;
    this.options = options;
    const [x, y] = project(options.center[0], options.center[1]);
    this.view = { x, y, zoom: clampZoom(options.zoom, options.minZoom, options.maxZoom) };

    container.classList.add('ymap', 'gm');
    container.tabIndex = 0;
    this.tilePane = el('div', 'gm-tiles');
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('class', 'gm-svg');
    this.groups = { under: document.createElementNS(SVG, 'g'), over: document.createElementNS(SVG, 'g') };
    this.svg.append(this.groups.under, this.groups.over);
    this.markPane = el('div', 'gm-marks');
    this.popupPane = el('div', 'gm-popups');
    this.pane = el('div', 'gm-pane');
    this.pane.append(this.svg, this.markPane, this.popupPane);
    this.zoomIn = controlButton('+', tm('map.zoomIn'), 'map-zoom-in', () => this.zoomBy(1));
    this.zoomOut = controlButton('−', tm('map.zoomOut'), 'map-zoom-out', () => this.zoomBy(-1));
    const zoom = el('div', 'gm-control gm-zoom');
    zoom.append(this.zoomIn, this.zoomOut);
    const attribution = el('div', 'gm-control gm-attribution');
    const osm = document.createElement('a');
    osm.href = 'https://www.openstreetmap.org/copyright';
    osm.target = '_blank';
    osm.rel = 'noopener';
    osm.setAttribute('data-testid', 'map-attribution');
    osm.textContent = tm('map.baseAttribution');
    attribution.append(osm);
    container.append(this.tilePane, this.pane, zoom, attribution);

    this.listen();
    this.resizer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.measure());
    this.resizer?.observe(container);
    this.measure();
  }

  // -------------------------------------------------------------------------------------------
  // The view

  getZoom(): number {
    return this.view.zoom;
  }

  /** What is on screen, as a box. */
  getBounds(): LatLngBox {
    return visibleBox(this.view, this.width, this.height);
  }

  setView(at: [number, number], zoom: number): void {
    const [x, y] = project(at[0], at[1]);
    this.jump({ x, y, zoom: clampZoom(zoom, this.options.minZoom, this.options.maxZoom) });
  }

  /** Shows all of `box` (else `fallback` at zoom 17), kept clear of the controls when asked. */
  fit(box: LatLngBox | null, options: { maxZoom?: number; clearOfControls?: boolean; fallback?: [number, number] | null } = {}): void {
    if (box && this.width > 0 && this.height > 0) {
      const padding = fitPadding(this.width, this.height, !!options.clearOfControls);
      this.jump(fitView(box, this.width, this.height, padding, this.options.minZoom, Math.min(this.options.maxZoom, options.maxZoom ?? 19)));
    } else if (options.fallback) this.setView(options.fallback, 17);
  }

  /** Runs `fn` once the map has a size (at once when it has): a map fitted before that fits nothing. */
  whenSized(fn: () => void): void {
    if (this.width > 0 && this.height > 0) fn();
    else this.sizedCallbacks.push(fn);
  }

  /** Called after every pan or zoom has ended. */
  onMoveEnd(fn: () => void): void {
    this.moveEndCallbacks.push(fn);
  }

  private zoomBy(delta: number): void {
    const zoom = clampZoom(Math.round((this.view.zoom + delta) * 4) / 4, this.options.minZoom, this.options.maxZoom);
    this.jump(zoomAround(this.view, this.width, this.height, this.width / 2, this.height / 2, zoom));
  }

  /** During a gesture: drawn at the next frame. */
  private move(view: View): void {
    this.view = view;
    this.schedule();
  }

  /** At once (a button, a fit): drawn now, then settled. */
  private jump(view: View): void {
    this.view = view;
    this.render();
    this.settled();
  }

  private measure(): void {
    if (this.removed) return;
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.laidOut = null;
    this.render();
    if (width > 0 && height > 0 && this.sizedCallbacks.length > 0) {
      const callbacks = this.sizedCallbacks;
      this.sizedCallbacks = [];
      for (const fn of callbacks) fn();
    }
    this.settled();
  }

  private schedule(): void {
    if (this.frame || this.removed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  /** After a pan or zoom: lay everything out afresh, thin out the words, tell who listens. */
  private settled(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = window.setTimeout(() => {
      if (this.removed) return;
      this.laidOut = null;
      this.render();
      declutter(this.container);
      for (const fn of this.moveEndCallbacks) fn();
    }, 60);
  }

  private render(): void {
    if (this.removed || this.width === 0 || this.height === 0) return;
    const view = this.view;
    const laid = this.laidOut;
    if (laid && laid.zoom === view.zoom) {
      const scale = 2 ** view.zoom;
      this.pane.style.transform = `translate(${Math.round((laid.x - view.x) * scale)}px, ${Math.round((laid.y - view.y) * scale)}px)`;
    } else {
      this.pane.style.transform = '';
      this.laidOut = { ...view };
      const toPx = (x: number, y: number): [number, number] => toScreen(view, this.width, this.height, x, y);
      for (const shape of this.shapes) shape.path.setAttribute('d', pathData(shape.rings, shape.closed, toPx));
      for (const mark of [...this.marks, ...(this.popup ? [this.popup] : [])]) place(mark, toPx);
      zoomClasses(this.container, view.zoom);
    }
    // Read by the browser tests.
    this.container.dataset.zoom = String(Math.round(view.zoom * 100) / 100);
    this.zoomIn.disabled = view.zoom >= this.options.maxZoom;
    this.zoomOut.disabled = view.zoom <= this.options.minZoom;
    this.renderTiles();
  }

  // -------------------------------------------------------------------------------------------
  // The base map

  private renderTiles(): void {
    const source = this.options.tiles;
    if (!source) return;
    const wanted = tilesInView(this.view, this.width, this.height, source.minZoom, source.maxZoom);
    const keys = new Set<string>();
    for (const spot of wanted) {
      const key = `${spot.z}/${spot.x}/${spot.y}`;
      keys.add(key);
      let tile = this.tiles.get(key);
      if (!tile) {
        const img = document.createElement('img');
        img.className = 'gm-tile';
        img.alt = '';
        img.decoding = 'async';
        img.draggable = false;
        tile = { img, z: spot.z, x: spot.x, y: spot.y, state: 'waiting' };
        this.tiles.set(key, tile);
        this.tilePane.append(img);
      }
      setBox(tile.img, spot.left, spot.top, spot.width, spot.height);
    }
    const z = wanted[0]?.z;
    // Tiles of another zoom stay (scaled) until this zoom's have all come, then go.
    const complete = [...keys].every((key) => this.tiles.get(key)!.state === 'done');
    for (const [key, tile] of this.tiles) {
      if (keys.has(key)) continue;
      if (tile.z !== z && !complete && tile.state === 'done' && !tile.img.hidden) {
        const world = 256 / 2 ** tile.z;
        const [left, top] = toScreen(this.view, this.width, this.height, tile.x * world, tile.y * world);
        const [right, bottom] = toScreen(this.view, this.width, this.height, (tile.x + 1) * world, (tile.y + 1) * world);
        setBox(tile.img, Math.round(left), Math.round(top), Math.round(right) - Math.round(left), Math.round(bottom) - Math.round(top));
        tile.img.classList.add('is-old');
      } else {
        tile.img.remove();
        this.tiles.delete(key);
      }
    }
    this.loadTiles(wanted.map((spot) => this.tiles.get(`${spot.z}/${spot.x}/${spot.y}`)!));
  }

  /** Starts the waiting tiles, the middle ones first, a few at a time. */
  private loadTiles(order: Tile[]): void {
    const source = this.options.tiles;
    if (!source) return;
    for (const tile of order) {
      if (this.tilesLoading >= TILE_REQUESTS) return;
      if (tile.state !== 'waiting') continue;
      tile.state = 'loading';
      this.tilesLoading += 1;
      const done = (failed: boolean): void => {
        tile.state = 'done';
        // A tile that is not there (no base map here, or offline) is simply not shown.
        if (failed) tile.img.hidden = true;
        this.tilesLoading -= 1;
        if (!this.removed) this.renderTiles();
      };
      tile.img.addEventListener('load', () => done(false), { once: true });
      tile.img.addEventListener('error', () => done(true), { once: true });
      tile.img.src = source.url(tile.z, tile.x, tile.y);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Shapes, marks, popups

  /** A polygon (closed) or line through `rings` of [lon, lat] positions. */
  addShape(rings: Position[][], closed: boolean, options: ShapeOptions): Layer {
    const path = document.createElementNS(SVG, 'path');
    for (const [name, value] of Object.entries(options.attributes)) path.setAttribute(name, value);
    const shape: Shape = { path, rings: rings.map((ring) => ring.map(([lon, lat]) => project(lat, lon))), closed };
    if (options.onClick) {
      const onClick = options.onClick;
      path.classList.add('gm-interactive');
      path.addEventListener('click', (event) => {
        const box = this.container.getBoundingClientRect();
        const [x, y] = fromScreen(this.view, this.width, this.height, event.clientX - box.left, event.clientY - box.top);
        onClick(event, unproject(x, y));
      });
    }
    (options.over ? this.groups.over : this.groups.under).append(path);
    this.shapes.add(shape);
    this.laidOut = null;
    this.schedule();
    return {
      remove: () => {
        path.remove();
        this.shapes.delete(shape);
      },
    };
  }

  /** `element` (a mark of marks.ts) with its origin at [lat, lon]. */
  addMark(element: HTMLElement, at: [number, number], options: MarkOptions): Layer {
    const wrap = el('div', options.wrapClass ?? 'mp-wrap');
    wrap.style.zIndex = String(options.z);
    wrap.append(element);
    if (options.onClick) {
      const onClick = options.onClick;
      wrap.classList.add('gm-interactive');
      wrap.tabIndex = 0;
      wrap.setAttribute('role', 'button');
      if (options.title) wrap.title = options.title;
      wrap.addEventListener('click', onClick);
      wrap.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          wrap.click();
        }
      });
    }
    const [x, y] = project(at[0], at[1]);
    const mark: Mark = { element: wrap, x, y };
    this.markPane.append(wrap);
    this.marks.add(mark);
    this.laidOut = null;
    this.schedule();
    return {
      remove: () => {
        wrap.remove();
        this.marks.delete(mark);
      },
    };
  }

  /** Opens `content` in a bubble above [lat, lon] (one at a time), moving the map to show it whole. */
  openPopup(content: HTMLElement, at: [number, number]): void {
    this.closePopup();
    const close = el('button', 'gm-popup-close') as HTMLButtonElement;
    close.type = 'button';
    close.textContent = '×';
    close.title = tm('map.closePopup');
    close.setAttribute('aria-label', tm('map.closePopup'));
    close.addEventListener('click', () => this.closePopup());
    const body = el('div', 'gm-popup-body');
    body.append(content);
    const bubble = el('div', 'gm-popup');
    bubble.append(close, body, el('div', 'gm-popup-tip'));
    const wrap = el('div', 'gm-popup-wrap');
    wrap.append(bubble);
    const [x, y] = project(at[0], at[1]);
    this.popup = { element: wrap, x, y };
    this.popupPane.append(wrap);
    place(this.popup, (px, py) => toScreen(this.laidOut ?? this.view, this.width, this.height, px, py));
    // Into view: the bubble whole, 16 px from the edges where it can be.
    const outer = this.container.getBoundingClientRect();
    const inner = bubble.getBoundingClientRect();
    const dx = inner.left < outer.left + 16 ? inner.left - outer.left - 16 : inner.right > outer.right - 16 ? Math.min(inner.right - outer.right + 16, inner.left - outer.left - 16) : 0;
    const dy = inner.top < outer.top + 16 ? inner.top - outer.top - 16 : 0;
    if (dx !== 0 || dy !== 0) {
      const scale = 2 ** this.view.zoom;
      this.move({ ...this.view, x: this.view.x + dx / scale, y: this.view.y + dy / scale });
      this.render();
    }
    this.options.onPopupOpen?.(bubble);
  }

  closePopup(): void {
    this.popup?.element.remove();
    this.popup = null;
  }

  /** Takes the map off the page (the page was left). */
  remove(): void {
    this.removed = true;
    cancelAnimationFrame(this.frame);
    clearTimeout(this.settleTimer);
    this.resizer?.disconnect();
    for (const off of this.detach) off();
    this.container.replaceChildren();
  }

  // -------------------------------------------------------------------------------------------
  // Gestures

  private listen(): void {
    const pointers = new Map<number, [number, number]>();
    let start: { view: View; points: Array<[number, number]>; distance: number } | null = null;
    let dragged = false;
    const local = (event: PointerEvent | MouseEvent | WheelEvent): [number, number] => {
      const box = this.container.getBoundingClientRect();
      return [event.clientX - box.left, event.clientY - box.top];
    };
    const begin = (): void => {
      const points = [...pointers.values()];
      const [a, b] = points;
      start = { view: { ...this.view }, points, distance: a && b ? Math.hypot(a[0] - b[0], a[1] - b[1]) : 0 };
    };
    const onDown = (event: PointerEvent): void => {
      if (event.button !== 0 || (event.target as Element).closest('.gm-control, .gm-popup')) return;
      pointers.set(event.pointerId, local(event));
      if (pointers.size === 1) dragged = false;
      begin();
    };
    const onMove = (event: PointerEvent): void => {
      if (!pointers.has(event.pointerId) || !start) return;
      pointers.set(event.pointerId, local(event));
      const points = [...pointers.values()];
      const [a, b] = points;
      const [a0, b0] = start.points;
      if (!a || !a0) return;
      if (b && b0 && start.distance > 0) {
        // Two fingers: zoom by how far they spread, around where they started, and follow their middle.
        dragged = true;
        const ratio = Math.hypot(a[0] - b[0], a[1] - b[1]) / start.distance;
        const zoom = clampZoom(start.view.zoom + Math.log2(ratio), this.options.minZoom, this.options.maxZoom);
        const mid0: [number, number] = [(a0[0] + b0[0]) / 2, (a0[1] + b0[1]) / 2];
        const mid: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        const zoomed = zoomAround(start.view, this.width, this.height, mid0[0], mid0[1], zoom);
        const scale = 2 ** zoom;
        this.move({ x: zoomed.x - (mid[0] - mid0[0]) / scale, y: zoomed.y - (mid[1] - mid0[1]) / scale, zoom });
        return;
      }
      const dx = a[0] - a0[0];
      const dy = a[1] - a0[1];
      if (!dragged && Math.hypot(dx, dy) < TAP_SLOP) return;
      dragged = true;
      this.container.classList.add('is-dragging');
      const scale = 2 ** start.view.zoom;
      this.move({ x: start.view.x - dx / scale, y: start.view.y - dy / scale, zoom: start.view.zoom });
    };
    const onUp = (event: PointerEvent): void => {
      if (!pointers.delete(event.pointerId)) return;
      if (pointers.size > 0) {
        begin();
        return;
      }
      start = null;
      this.container.classList.remove('is-dragging');
      if (dragged) this.settled();
    };
    // A drag ends with a click on whatever is under the finger: not a tap on it.
    const onClick = (event: MouseEvent): void => {
      if (dragged) {
        dragged = false;
        event.stopPropagation();
        event.preventDefault();
      }
    };
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      const lines = event.deltaMode === 1 ? 40 : event.deltaMode === 2 ? 800 : 1;
      const delta = Math.max(-1, Math.min(1, (-event.deltaY * lines) / 120));
      const [sx, sy] = local(event);
      this.move(zoomAround(this.view, this.width, this.height, sx, sy, clampZoom(this.view.zoom + delta, this.options.minZoom, this.options.maxZoom)));
      this.settled();
    };
    const onDoubleClick = (event: MouseEvent): void => {
      if ((event.target as Element).closest('.gm-control, .gm-popup')) return;
      const [sx, sy] = local(event);
      this.move(zoomAround(this.view, this.width, this.height, sx, sy, clampZoom(this.view.zoom + 1, this.options.minZoom, this.options.maxZoom)));
      this.settled();
    };
    // A tap on the map itself (not on a mark, a shape with a popup, or the popup) closes the popup.
    const onTap = (event: MouseEvent): void => {
      const target = event.target as Element;
      if (!target.closest('.gm-interactive, .gm-popup, .gm-control')) this.closePopup();
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.target !== this.container) return;
      const step = 80 / 2 ** this.view.zoom;
      const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      const by = moves[event.key];
      if (by) {
        event.preventDefault();
        this.move({ ...this.view, x: this.view.x + by[0], y: this.view.y + by[1] });
        this.settled();
      } else if (event.key === '+' || event.key === '=') this.zoomBy(1);
      else if (event.key === '-') this.zoomBy(-1);
      else if (event.key === 'Escape') this.closePopup();
    };
    const on = <K extends keyof HTMLElementEventMap>(target: HTMLElement | Window, type: K, fn: (event: HTMLElementEventMap[K]) => void, options?: AddEventListenerOptions): void => {
      target.addEventListener(type, fn as EventListener, options);
      this.detach.push(() => target.removeEventListener(type, fn as EventListener, options));
    };
    on(this.container, 'pointerdown', onDown);
    on(window, 'pointermove', onMove);
    on(window, 'pointerup', onUp);
    on(window, 'pointercancel', onUp);
    on(this.container, 'click', onClick, { capture: true });
    on(this.container, 'click', onTap);
    on(this.container, 'wheel', onWheel, { passive: false });
    on(this.container, 'dblclick', onDoubleClick);
    on(this.container, 'keydown', onKey);
  }
}

/** The box around [lon, lat] positions, for fit(). */
export function boxOfPositions(positions: Position[]): LatLngBox | null {
  return boxOf(positions.map(([lon, lat]) => [lat, lon] as [number, number]));
}

function el(tag: string, className: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  return element;
}

function controlButton(text: string, title: string, testid: string, onClick: () => void): HTMLButtonElement {
  const button = el('button', 'gm-button') as HTMLButtonElement;
  button.type = 'button';
  button.textContent = text;
  button.title = title;
  button.setAttribute('aria-label', title);
  button.setAttribute('data-testid', testid);
  button.addEventListener('click', onClick);
  return button;
}

function place(mark: Mark, toPx: (x: number, y: number) => [number, number]): void {
  const [x, y] = toPx(mark.x, mark.y);
  mark.element.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
}

function setBox(element: HTMLElement, left: number, top: number, width: number, height: number): void {
  element.style.transform = `translate(${left}px, ${top}px)`;
  element.style.width = `${width}px`;
  element.style.height = `${height}px`;
}
