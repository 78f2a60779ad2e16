// What the report tests share: the grid of spots around 华清嘉园 and the calls on one report.
import assert from 'node:assert/strict';

export const HQ = { lat: 39.989737, lon: 116.329868 }; // 华清嘉园小区
export const HQ_CODE = '110108011001001';
/** Metres per degree of latitude (as the server's spherical distance). */
export const DEG_LAT_M = 111195;
/** The grid spot i rows (0.001° lat ≈ 111 m) and j columns (0.0013° lon ≈ 111 m) from 华清嘉园小区. */
export const spot = (i, j) => ({ lat: +(HQ.lat + i * 0.001).toFixed(6), lon: +(HQ.lon + j * 0.0013).toFixed(6) });

/**
 * Acting on and reading one report, for `as(who, method, path, opts)`, which signs the request in as
 * `who` (a demo login's key, or a registered rider).
 */
export function reportCalls(as) {
  const name = (who) => (typeof who === 'string' ? who : 'rider');
  const act = (who, id, body) => as(who, 'POST', `/api/v1/reports/${id}/actions`, { body });
  async function acted(who, id, body, status) {
    const res = await act(who, id, body);
    assert.equal(res.status, 200, `${name(who)} ${body.action} #${id}: ${res.text.slice(0, 400)}`);
    assert.equal(res.json.status, status, `${body.action} → ${status}`);
    return res.json;
  }
  async function getReport(who, id) {
    const res = await as(who, 'GET', `/api/v1/reports/${id}`);
    assert.equal(res.status, 200, `GET #${id} as ${name(who)}: ${res.text.slice(0, 300)}`);
    return res.json;
  }
  const canOf = async (who, id) => (await getReport(who, id)).can;
  return { act, acted, getReport, canOf };
}
