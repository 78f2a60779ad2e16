/**
 * What the worker's page and the editor share about the map module (draw.ts, with Leaflet): it is
 * loaded on demand beside the page, so the pages name it by type only and wait for their map box to
 * be laid out before handing it to Leaflet. Importing this file loads nothing of Leaflet.
 */

export type Draw = typeof import('./draw');
export type LeafletMap = ReturnType<Draw['createMap']>;

/** Runs `fn` once the element is in the page and has a size (Leaflet needs both); gives up after ~2 s. */
export function whenSized(element: HTMLElement, fn: () => void): void {
  let tries = 0;
  const check = (): void => {
    if (element.isConnected && element.clientHeight > 0) fn();
    else if (tries++ < 120) requestAnimationFrame(check);
  };
  check();
}
