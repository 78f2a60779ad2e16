/**
 * Acceptance rules (受理规则), pure and unit-tested: the API's shapes, the words of an acceptor
 * (就近驿站（1000 米内）/ 社区 / 物业), where the deciding rule comes from (本区域规则 / the area
 * above / 默认), the table in the order of the categories, the rules list's order, the form's body
 * and the server's refusals in Chinese.
 */

import { CATEGORIES, type Acceptor } from './model';
import { categoryName, tr } from './messages';

export const ACCEPTORS = ['nearest_station', 'community', 'property'] as const;
export type AcceptorKind = (typeof ACCEPTORS)[number];

export const EVERY_CATEGORY = '*';
export const DEFAULT_RADIUS = 1000;
export const MIN_RADIUS = 100;
export const MAX_RADIUS = 5000;
export const MAX_NOTE = 200;

/** Welfare concerns (困难群众关怀) are the community's, whatever the rules say. */
export const COMMUNITY_ONLY: readonly string[] = ['welfare'];

export interface AreaRef {
  code: string;
  name: string;
}

export interface AcceptanceRule {
  id: number;
  area: AreaRef;
  /** A category, or * for every category. */
  category: string;
  category_label: string;
  acceptor: AcceptorKind | string;
  acceptor_label: string;
  radius_metres: number;
  note: string;
  set_by: string;
  set_at: string;
  /** Set for an area above the one asked. */
  inherited?: boolean;
  editable?: boolean;
}

export interface EffectiveRule {
  category: string;
  category_label: string;
  acceptor: AcceptorKind | string;
  acceptor_label: string;
  radius_metres: number;
  rule_id: number | null;
  rule_area: AreaRef | null;
}

export interface RulesAnswer {
  area: { code: string; name_zh: string; name_en?: string; level: string; parent_code?: string | null; lat?: number | null; lon?: number | null };
  rules: AcceptanceRule[];
  effective: EffectiveRule[];
  default_radius_metres: number;
}

export interface RuleBody {
  area_code: string;
  category: string;
  acceptor: AcceptorKind;
  radius_metres?: number;
  note?: string;
}

export interface AcceptancePreview {
  category: string;
  area: AreaRef;
  compound: AreaRef | null;
  acceptor: Acceptor;
}

export function isAcceptor(kind: unknown): kind is AcceptorKind {
  return typeof kind === 'string' && (ACCEPTORS as readonly string[]).includes(kind);
}

/** 就近驿站 / 社区 / 物业 (the server's label for a kind we do not know). */
export function acceptorName(kind: string, serverLabel?: string | null): string {
  return isAcceptor(kind) ? tr(`acceptor.${kind}`) : serverLabel || kind;
}

/** The acceptor of a rule: 就近驿站（1500 米内）, 社区, 物业. */
export function acceptorText(kind: string, radius: number, serverLabel?: string | null): string {
  return kind === 'nearest_station' ? tr('acceptor.within', { radius }) : acceptorName(kind, serverLabel);
}

/** 全部类别 for *, else the category's name. */
export function ruleCategoryName(category: string, serverLabel?: string | null): string {
  return category === EVERY_CATEGORY ? tr('rules.allCategories') : categoryName(category, serverLabel === '*' ? null : serverLabel);
}

export type RuleSource = { kind: 'default' } | { kind: 'here' } | { kind: 'inherited'; name: string };

/**
 * Where the deciding rule of a category comes from, seen from `areaCode`: none (默认), this
 * area's own rule, or one set above (its area's name). The server decides each category by the
 * rules of the area and of the areas above it only, so any rule not of this area is from above.
 */
export function ruleSource(effective: Pick<EffectiveRule, 'rule_id' | 'rule_area'>, areaCode: string): RuleSource {
  if (effective.rule_id == null || !effective.rule_area) return { kind: 'default' };
  if (effective.rule_area.code === areaCode) return { kind: 'here' };
  return { kind: 'inherited', name: effective.rule_area.name };
}

export function ruleSourceText(source: RuleSource): string {
  switch (source.kind) {
    case 'default':
      return tr('rules.source.default');
    case 'here':
      return tr('rules.source.here');
    default:
      return tr('rules.source.inherited', { name: source.name });
  }
}

/**
 * An area's materialised path, root first, every code followed by '/': 110000/110108/110108011/
 * for 中关村街道 (海淀区 110108 in 北京市 110000). Area codes do not nest by prefix (110108 is not
 * 110000…), so "is X inside Y" is a prefix test of the paths, as on the server. The API sends no
 * path: it is built from GET /api/v1/areas/CODE's ancestors (root first) and the area itself.
 */
export function areaPath(chain: readonly { code: string }[]): string {
  return chain.map((a) => `${a.code}/`).join('');
}

/** True when the area with `path` is, or lies inside, the area with `scope` (both paths end in '/'). */
export function pathWithin(path: string, scope: string): boolean {
  return scope.endsWith('/') && path.endsWith('/') && path.startsWith(scope);
}

/** The path of the area above ('' for the top of the tree). */
export function parentPath(path: string): string {
  return path.replace(/[^/]+\/$/, '');
}

/** The code an area's path ends with ('' for an empty path). */
export function pathCode(path: string): string {
  return path.split('/').at(-2) ?? '';
}

/**
 * The 上一级 of the page: the area above the one shown (`detail`, as GET /api/v1/areas/CODE gives
 * it) when that is still inside the caller's area (`scopePath`, the path of the caller's own area),
 * with the route to it (the caller's own area is the page without ?area=); null otherwise.
 */
export function upLink<T extends { code: string }>(detail: { area: T; ancestors: readonly T[] }, scopePath: string): { area: T; href: string } | null {
  const up = parentPath(areaPath([...detail.ancestors, detail.area]));
  const parent = detail.ancestors.at(-1);
  if (!up || !parent || pathCode(up) !== parent.code || !pathWithin(up, scopePath)) return null;
  return { area: parent, href: up === scopePath ? '#/acceptance-rules' : `#/acceptance-rules?area=${encodeURIComponent(parent.code)}` };
}

const categoryIndex = (category: string): number => {
  if (category === EVERY_CATEGORY) return -1;
  const i = (CATEGORIES as readonly string[]).indexOf(category);
  return i < 0 ? CATEGORIES.length : i;
};

/** One row per category, in the order of the report form's tiles. */
export function sortEffective<T extends { category: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => categoryIndex(a.category) - categoryIndex(b.category));
}

/**
 * Rules area by area in the order the server sends them (from the top of the tree down: codes do
 * not nest, so only the server, which has the paths, can order areas), then 全部类别 before single
 * categories within an area.
 */
export function sortRules<T extends Pick<AcceptanceRule, 'area' | 'category' | 'id'>>(rules: readonly T[]): T[] {
  const areaOrder = new Map<string, number>();
  for (const rule of rules) if (!areaOrder.has(rule.area.code)) areaOrder.set(rule.area.code, areaOrder.size);
  return [...rules].sort(
    (a, b) => (areaOrder.get(a.area.code) ?? 0) - (areaOrder.get(b.area.code) ?? 0) || categoryIndex(a.category) - categoryIndex(b.category) || a.id - b.id,
  );
}

export interface RuleForm {
  area: string;
  category: string;
  acceptor: string | null;
  radius: string;
  note: string;
}

export type RuleProblem = 'area' | 'acceptor' | 'radius';

/** The POST body of the form, or what is missing. The radius is sent only for a station. */
export function ruleBody(form: RuleForm): { body: RuleBody } | { missing: RuleProblem } {
  const area = form.area.trim();
  if (!/^\d{1,20}$/.test(area)) return { missing: 'area' };
  if (!isAcceptor(form.acceptor)) return { missing: 'acceptor' };
  const body: RuleBody = { area_code: area, category: form.category || EVERY_CATEGORY, acceptor: form.acceptor };
  if (form.acceptor === 'nearest_station') {
    const text = form.radius.trim();
    const radius = text === '' ? DEFAULT_RADIUS : Number(text);
    if (!Number.isInteger(radius) || radius < MIN_RADIUS || radius > MAX_RADIUS) return { missing: 'radius' };
    body.radius_metres = radius;
  }
  const note = form.note.trim();
  if (note) body.note = [...note].slice(0, MAX_NOTE).join('');
  return { body };
}

/**
 * The server's refusal of a rule in plain words (the problem's detail is English for developers):
 * the message key, or null when the general error message should do.
 */
export function ruleProblemKey(problem: { status: number; code?: string | undefined; detail?: string | undefined }):
  | 'rules.error.welfare'
  | 'rules.error.radius'
  | 'rules.error.note'
  | 'rules.error.noArea'
  | 'rules.error.compound'
  | 'rules.error.scope'
  | 'rules.error.role'
  | 'rules.error.gone'
  | null {
  const detail = problem.detail ?? '';
  if (/welfare/i.test(detail)) return 'rules.error.welfare';
  if (/^radius_metres/.test(detail)) return 'rules.error.radius';
  if (/^note/.test(detail)) return 'rules.error.note';
  if (/no such area/.test(detail)) return 'rules.error.noArea';
  if (/community or a larger area/.test(detail)) return 'rules.error.compound';
  if (problem.code === 'forbidden' || problem.status === 403) return /outside/.test(detail) ? 'rules.error.scope' : 'rules.error.role';
  if (problem.status === 404 && /rule/.test(detail)) return 'rules.error.gone';
  return null;
}

/** A point typed by hand: two numbers in range, else null. */
export function parsePoint(lat: string, lon: string): { lat: number; lon: number } | null {
  if (lat.trim() === '' || lon.trim() === '') return null;
  const a = Number(lat);
  const b = Number(lon);
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a) > 90 || Math.abs(b) > 180) return null;
  return { lat: a, lon: b };
}

/** The area of #/acceptance-rules?area=CODE (empty: the caller's own). */
export function rulesArea(search: string): string {
  const area = (new URLSearchParams(search.replace(/^\?/, '')).get('area') ?? '').trim();
  return /^\d{1,20}$/.test(area) ? area : '';
}
