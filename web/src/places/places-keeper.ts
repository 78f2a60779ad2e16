/**
 * 我的场所 for station keepers and merchants (on their home): their places with status, the
 * form to add or change one (a change waits for the community's review; 409 duplicate_place offers
 * 合并到已有场所), photos, the printable sign and visits by kind of worker.
 */

import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { icons } from '../shell/icons';
import { MAX_PHOTO_BYTES, redrawAsJpeg, shrinkPlan } from '../maps/media';
import { AMENITIES, barWidths, duplicateOf, formOf, KINDS, placeBody, placeHref, TIERS, type Place, type PlaceBody, type PlaceForm } from './model';
import { amenityName, kindName, tp, tpMaybe } from './messages';
import { gradeBadge, kindGlyph, kindText, openLine, pbadge } from './ui';
import { hoursEditor } from './hours-editor';
import './places.css';
import { kindLabel } from '../shell/format';
import type { Account } from '../shell/types';
import { drawer, errorBox, errorMessageOf, modal, section, skeletonLines } from '../shell/ui';

function toast(text: string): void {
  const element = h('div', { class: 'toast', role: 'status', 'data-testid': 'places-toast' }, text);
  document.body.appendChild(element);
  window.setTimeout(() => element.remove(), 4000);
}

const statusTone = (status: string): 'ok' | 'warn' | 'bad' | 'muted' => (status === 'approved' ? 'ok' : status === 'pending' ? 'warn' : status === 'rejected' ? 'bad' : 'muted');

export function myPlacesSection(_account: Account, signal: AbortSignal): HTMLElement {
  const list = h('div', { class: 'pm-list', 'data-testid': 'my-places' });
  const staff = false;
  const add = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'place-add' }, icon(icons.station), h('span', null, tp('mine.add')));

  const load = async (): Promise<void> => {
    replace(list, skeletonLines(3));
    try {
      const { places } = await api.myPlaces(signal);
      render(places);
    } catch (error) {
      if (isAbort(error)) return;
      replace(list, errorBox(error, () => void load()));
    }
  };

  const render = (places: Place[]): void => {
    if (places.length === 0) {
      replace(list, h('div', { class: 'card empty', 'data-testid': 'my-places-empty' }, tp('mine.empty')));
      return;
    }
    replace(list, places.map((p) => placeCard(p)));
  };

  const placeCard = (p: Place): HTMLElement => {
    const photoInput = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp', capture: 'environment', hidden: true, 'data-testid': 'place-photo-input' });
    photoInput.addEventListener('change', () => {
      const file = photoInput.files?.[0];
      photoInput.value = '';
      if (file) void uploadPhoto(p, file);
    });
    return h(
      'article',
      { class: 'card pm-card', 'data-testid': 'my-place', 'data-place-id': String(p.id), 'data-status': p.status },
      h(
        'div',
        { class: 'pm-head' },
        kindGlyph(p.kind),
        h(
          'div',
          { class: 'pm-title' },
          h('strong', { 'data-testid': 'my-place-name' }, p.name),
          h('span', { class: 'muted' }, [kindText(p), p.address].filter(Boolean).join(' · ')),
        ),
        h(
          'div',
          { class: 'pm-badges' },
          pbadge(tpMaybe(`status.${p.status}`, p.status), statusTone(p.status), 'my-place-status'),
          p.pending_change ? pbadge(tp('mine.pendingChange'), 'warn', 'my-place-pending-change') : null,
          gradeBadge(p.grade),
        ),
      ),
      h('div', { class: 'pm-meta' }, openLine(p), h('span', { class: 'muted' }, tp('mine.version', { version: p.version }))),
      h(
        'div',
        { class: 'pm-actions' },
        h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'my-place-edit', onClick: () => void openForm(p) }, tp('mine.edit')),
        h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'my-place-photo', onClick: () => photoInput.click() }, icon(icons.camera), h('span', null, tp('mine.photo'))),
        h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'my-place-visits', onClick: () => void showVisits(p) }, tp('mine.visits')),
        p.sign_url ? h('a', { class: 'btn btn-secondary', href: p.sign_url, target: '_blank', rel: 'noopener', 'data-testid': 'my-place-sign' }, icon(icons.download), h('span', null, tp('mine.sign'))) : null,
        h('a', { class: 'btn btn-link', href: placeHref(p.id, false), 'data-testid': 'my-place-page' }, tp('mine.page')),
        photoInput,
      ),
    );
  };

  const uploadPhoto = async (p: Place, file: File): Promise<void> => {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type)) {
      toast(tp('mine.photoBad'));
      return;
    }
    toast(tp('mine.photoUploading'));
    try {
      const photo = await shrink(file);
      if (photo.size > MAX_PHOTO_BYTES) {
        toast(tp('mine.photoTooBig'));
        return;
      }
      await api.uploadPlacePhoto(p.id, photo);
      toast(tp('mine.photoAdded'));
      await load();
    } catch (error) {
      toast(errorMessageOf(error));
    }
  };

  const openForm = async (existing: Place | null): Promise<void> => {
    const saved = await placeForm(existing, staff);
    if (!saved) return;
    toast(saved);
    await load();
  };

  add.addEventListener('click', () => void openForm(null));
  void load();
  return section(tp('mine.title'), list, { testid: 'my-places-section', actions: add });
}

/** A phone photo shrunk to 1600 px JPEG when it is large (as the map editor does). */
async function shrink(file: File): Promise<Blob> {
  if (typeof createImageBitmap !== 'function') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  try {
    const plan = shrinkPlan({ width: bitmap.width, height: bitmap.height, bytes: file.size, type: file.type });
    if (!plan) return file;
    return (await redrawAsJpeg(bitmap, plan)) ?? file;
  } finally {
    bitmap.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The form (create or edit) in a dialog

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h('label', { class: 'pm-field' }, h('span', { class: 'pm-label' }, label), control, hint ? h('small', { class: 'muted' }, hint) : null);
}

/** Resolves with the words to show after saving, or null when the dialog was closed. */
export function placeForm(existing: Place | null, staff: boolean): Promise<string | null> {
  const start: PlaceForm = formOf(existing);
  const input = (name: keyof PlaceForm, props: Record<string, unknown> = {}): HTMLInputElement =>
    h('input', { class: 'input', name, value: String(start[name] ?? ''), 'data-testid': `form-${name}`, autocomplete: 'off', ...props });
  const kind = h(
    'select',
    { class: 'input', name: 'kind', 'data-testid': 'form-kind' },
    KINDS.map((k) => h('option', { value: k, selected: k === start.kind }, kindName(k))),
  );
  const name = input('name', { maxlength: 60, placeholder: tp('form.namePlaceholder'), required: true });
  const address = input('address', { maxlength: 120, placeholder: tp('form.addressPlaceholder') });
  const lat = input('lat', { inputmode: 'decimal', placeholder: '39.96' });
  const lon = input('lon', { inputmode: 'decimal', placeholder: '116.35' });
  const gps = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': 'form-gps' }, icon(icons.pin), h('span', null, tp('form.useGps')));
  gps.addEventListener('click', () => {
    if (!('geolocation' in navigator)) return;
    gps.disabled = true;
    navigator.geolocation.getCurrentPosition(
      (at) => {
        lat.value = at.coords.latitude.toFixed(6);
        lon.value = at.coords.longitude.toFixed(6);
        gps.disabled = false;
      },
      () => {
        gps.disabled = false;
        gps.lastElementChild!.textContent = tp('form.gpsFailed');
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  });
  const amenityBoxes = AMENITIES.map((a) => h('input', { type: 'checkbox', value: a, checked: start.amenities.includes(a), 'data-testid': 'form-amenity', 'data-amenity': a }));
  const hours = hoursEditor({ value: start.opening_hours, rawTestId: 'form-opening_hours', name: 'opening_hours', maxLength: 200, emptyWhenClosed: true });
  const capacity = input('capacity', { inputmode: 'numeric', type: 'number', min: 0, max: 10000 });
  const discount = input('discount', { maxlength: 40, placeholder: tp('form.discountPlaceholder') });
  const price = input('rider_price_yuan', { inputmode: 'decimal', type: 'number', min: 0, step: '0.5' });
  const lateMeal = input('late_meal', { maxlength: 40, placeholder: tp('form.lateMealPlaceholder') });
  const services = input('services', { maxlength: 300, placeholder: tp('form.servicesPlaceholder') });
  const supplies = input('supplies', { maxlength: 300, placeholder: tp('form.suppliesPlaceholder') });
  const phone = input('phone', { maxlength: 30, inputmode: 'tel' });
  const scan = h('input', { type: 'checkbox', checked: start.scan_entry, 'data-testid': 'form-scan_entry' });
  const tier = h(
    'select',
    { class: 'input', name: 'tier', 'data-testid': 'form-tier' },
    h('option', { value: '' }, tp('form.tierNone')),
    TIERS.map((t) => h('option', { value: t, selected: t === start.tier }, tpMaybe(`tier.${t}`, t))),
  );
  const duplicateBox = h('div', { class: 'pm-duplicate', hidden: true, role: 'alert', 'data-testid': 'duplicate-box' });
  let mergeInto: { id: number; name: string } | null = null;

  const read = (): PlaceForm => ({
    kind: kind.value,
    name: name.value,
    lat: lat.value,
    lon: lon.value,
    address: address.value,
    amenities: amenityBoxes.filter((b) => b.checked).map((b) => b.value),
    opening_hours: hours.value(),
    capacity: capacity.value,
    discount: discount.value,
    rider_price_yuan: price.value,
    late_meal: lateMeal.value,
    services: services.value,
    supplies: supplies.value,
    phone: phone.value,
    scan_entry: scan.checked,
    tier: tier.value,
  });

  const body = h(
    'div',
    { class: 'pm-form', 'data-testid': 'place-form' },
    field(tp('form.kind'), kind),
    field(tp('form.name'), name),
    field(tp('form.address'), address),
    h('div', { class: 'pm-field' }, h('span', { class: 'pm-label' }, tp('form.location')), h('div', { class: 'pm-coords' }, lat, lon), gps),
    h(
      'fieldset',
      { class: 'pm-amenities' },
      h('legend', { class: 'pm-label' }, tp('form.amenities')),
      amenityBoxes.map((box) => h('label', { class: 'pm-check' }, box, h('span', null, amenityName(box.value)))),
    ),
    h('div', { class: 'pm-field', 'data-testid': 'form-hours' }, h('span', { class: 'pm-label' }, tp('form.hours')), hours.element),
    field(tp('form.capacity'), capacity),
    h('fieldset', { class: 'pm-offers' }, h('legend', { class: 'pm-label' }, tp('form.offers')), field(tp('form.discount'), discount), field(tp('form.riderPrice'), price), field(tp('form.lateMeal'), lateMeal)),
    field(tp('form.services'), services),
    field(tp('form.supplies'), supplies),
    field(tp('form.phone'), phone),
    h('label', { class: 'pm-check pm-check-wide' }, scan, h('span', null, tp('form.scanEntry'))),
    staff ? field(tp('form.tier'), tier) : null,
    duplicateBox,
  );

  const submitForm = (): void => {
    const form = body.closest('form');
    form?.requestSubmit();
  };

  return modal<string>({
    title: existing ? tp('mine.editTitle', { name: existing.name }) : tp('mine.createTitle'),
    body,
    submitLabel: existing ? tp('form.submitEdit') : tp('form.submitCreate'),
    testid: 'place-dialog',
    onSubmit: async () => {
      const built = placeBody(read(), { tier: staff });
      if ('problem' in built) {
        const target = { kind, name, lat, lon, capacity, rider_price_yuan: price } as Record<string, HTMLElement>;
        if (built.problem.field === 'opening_hours') hours.focus();
        else target[built.problem.field]?.focus();
        throw new Error(tp(`form.problem.${built.problem.key}`));
      }
      const payload: PlaceBody = built.body;
      if (existing) {
        payload.base_version = existing.version;
        try {
          const place = await api.updatePlace(existing.id, payload);
          return place.pending_change ? tp('mine.saved') : tp('mine.savedApplied');
        } catch (error) {
          if (error instanceof ApiError && error.status === 409) throw new Error(tp('mine.conflict'), { cause: error });
          throw error;
        }
      }
      if (mergeInto) payload.merge_into = mergeInto.id;
      try {
        const place = await api.createPlace(payload);
        if (mergeInto) return tp('mine.merged', { name: mergeInto.name });
        return place.status === 'approved' ? tp('mine.createdApproved') : tp('mine.created');
      } catch (error) {
        const duplicate = error instanceof ApiError && error.status === 409 ? duplicateOf(error.problem) : null;
        if (!duplicate) throw error;
        duplicateBox.hidden = false;
        replace(
          duplicateBox,
          h('p', null, tp('mine.duplicate', { name: duplicate.name, distance: Math.round(duplicate.distance_m) })),
          h('p', { class: 'muted' }, tp('mine.mergeHint', { name: duplicate.name })),
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-primary',
              'data-testid': 'merge-into',
              onClick: () => {
                mergeInto = { id: duplicate.id, name: duplicate.name };
                submitForm();
              },
            },
            tp('mine.merge'),
          ),
        );
        duplicateBox.scrollIntoView({ block: 'nearest' });
        return undefined;
      }
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Visits by kind of worker and by day (simple bars)

async function showVisits(p: Place): Promise<void> {
  const body = h('div', { class: 'pm-visits', 'data-testid': 'visits' }, skeletonLines(4));
  drawer(tp('mine.visitsTitle', { name: p.name }), body, 'visits-drawer');
  try {
    const visits = await api.placeVisits(p.id, 30);
    const kinds = ['food', 'parcel', 'ride', 'truck'];
    const extra = Object.keys(visits.by_kind ?? {}).filter((k) => !kinds.includes(k));
    const kindRows = [...kinds, ...extra].map((k) => ({ label: kindLabel(k), value: visits.by_kind?.[k] ?? 0, key: k }));
    const days = visits.by_day ?? [];
    const kindWidths = barWidths(kindRows.map((r) => r.value));
    const dayWidths = barWidths(days.map((d) => d.count));
    replace(
      body,
      h('p', { class: 'pm-total', 'data-testid': 'visits-total', 'data-total': String(visits.total) }, tp('mine.visitsTotal', { count: visits.total })),
      visits.total === 0 ? h('p', { class: 'muted' }, tp('mine.noVisits')) : null,
      h('h3', { class: 'pm-sub' }, tp('mine.byKind')),
      h(
        'ul',
        { class: 'pm-bars', 'data-testid': 'visits-by-kind' },
        kindRows.map((r, i) =>
          h('li', { 'data-kind': r.key }, h('span', { class: 'pm-bar-label' }, r.label), h('span', { class: 'pm-bar' }, h('span', { style: `width:${kindWidths[i]}%` })), h('b', null, String(r.value))),
        ),
      ),
      days.length
        ? [
            h('h3', { class: 'pm-sub' }, tp('mine.byDay')),
            h(
              'div',
              { class: 'pm-days', 'data-testid': 'visits-by-day' },
              days.map((d, i) => h('span', { class: 'pm-day', title: `${d.date}: ${d.count}` }, h('span', { style: `height:${dayWidths[i]}%` }))),
            ),
            h('div', { class: 'pm-days-axis muted' }, h('span', null, days[0]!.date.slice(5)), h('span', null, days[days.length - 1]!.date.slice(5))),
          ]
        : null,
    );
  } catch (error) {
    replace(body, h('p', { class: 'text-bad' }, tp('mine.visitsFailed', { reason: errorMessageOf(error) })));
  }
}
