/**
 * The volunteer calls (志愿服务, docs/volunteers.md): teams (GET/POST /api/v1/volunteer-teams, GET
 * /api/v1/volunteer-teams/{id}, join, leave, leaders), hours (POST/GET /api/v1/volunteer-teams/{id}/hours,
 * POST /api/v1/volunteer-hours/{id}/approve|reject), GET /api/v1/me/volunteering, the hours certificate
 * and appointment letters (GET/POST /api/v1/appointments, POST /api/v1/appointments/{id}/revoke).
 */

import { request } from '../shell/api';

export interface HoursTotals {
  year: number;
  scan_minutes: number;
  manual_minutes: number;
  approved_minutes: number;
  pending_minutes: number;
}

export interface Team {
  id: number;
  name: string;
  scope: 'street' | 'platform';
  area: { code: string; name: string };
  platform: string;
  intro: string;
  members: number;
  mine: { role: 'leader' | 'member'; joined_at: number } | null;
  can: { join: boolean; leave: boolean; manage: boolean };
  hours_this_year: HoursTotals;
}

export interface Member {
  account_id: number;
  name: string;
  role: 'leader' | 'member';
  joined_at: number;
  hours?: HoursTotals;
}

export interface Activity {
  id: number;
  title: string;
  starts_at: number;
  ends_at: number;
  status: string;
  link: string;
}

export interface TeamPage extends Team {
  member_list: Member[];
  leaders: Member[];
  activities: Activity[];
  sees_totals: boolean;
  member_totals?: Member[];
  pending?: number;
}

export interface HoursEntry {
  id: number;
  team: { id: number; name: string };
  account_id: number;
  name: string;
  event_id: number | null;
  day: string;
  minutes: number;
  source: 'scan' | 'manual';
  status: 'pending' | 'approved' | 'rejected';
  note: string;
  decided_by: string;
}

export interface Appointment {
  id: number;
  account_id: number;
  holder_name: string;
  kind: string;
  kind_label: string;
  title: string;
  area: { code: string; name: string };
  term_from: string;
  term_until: string;
  status: 'active' | 'expired' | 'revoked';
  certificate: { serial: string; verify: string; pdf: string; qr_text: string } | null;
}

export interface MyTeam extends Omit<Team, 'mine' | 'can' | 'hours_this_year'> {
  role: 'leader' | 'member';
  hours: HoursTotals;
}

export interface Volunteering {
  year: number;
  teams: MyTeam[];
  totals: HoursTotals;
  entries: HoursEntry[];
  appointments: Appointment[];
}

export interface IssuedCertificate {
  serial: string;
  title: string;
  detail: string;
  pdf: string;
}

export interface NewTeam {
  name: string;
  scope: 'street' | 'platform';
  area?: string;
  platform?: string;
  intro?: string;
}

export interface NewHours {
  day: string;
  minutes: number;
  note?: string;
  event_id?: number | null;
}

export interface NewAppointment {
  account_id: number;
  kind: string;
  title: string;
  term_from: string;
  term_until: string;
}

const team = (id: number, action = ''): string => `/api/v1/volunteer-teams/${id}${action}`;

export const teams = (signal?: AbortSignal): Promise<{ items: Team[] }> => request('GET', '/api/v1/volunteer-teams', { signal });
export const createTeam = (body: NewTeam): Promise<Team> => request('POST', '/api/v1/volunteer-teams', { body });
export const teamPage = (id: number, signal?: AbortSignal): Promise<TeamPage> => request('GET', team(id), { signal });
export const join = (id: number): Promise<Team> => request('POST', team(id, '/join'));
export const leave = (id: number): Promise<Team> => request('POST', team(id, '/leave'));
export const addLeader = (id: number, accountId: number): Promise<TeamPage> => request('POST', team(id, '/leaders'), { body: { account_id: accountId } });
export const removeLeader = (id: number, accountId: number): Promise<TeamPage> => request('DELETE', team(id, `/leaders/${accountId}`));
export const logHours = (id: number, body: NewHours): Promise<HoursEntry> => request('POST', team(id, '/hours'), { body });
export const pendingHours = (id: number, signal?: AbortSignal): Promise<{ items: HoursEntry[] }> =>
  request('GET', team(id, '/hours'), { query: { status: 'pending' }, signal });
export const decide = (entryId: number, approve: boolean, note = ''): Promise<HoursEntry> =>
  request('POST', `/api/v1/volunteer-hours/${entryId}/${approve ? 'approve' : 'reject'}`, { body: note ? { note } : {} });
export const mine = (signal?: AbortSignal): Promise<Volunteering> => request('GET', '/api/v1/me/volunteering', { signal });
export const hoursCertificate = (): Promise<{ year: number; certificates: IssuedCertificate[] }> =>
  request('POST', '/api/v1/me/volunteering/certificate');
export const appointments = (signal?: AbortSignal): Promise<{ items: Appointment[] }> => request('GET', '/api/v1/appointments', { signal });
export const appoint = (body: NewAppointment): Promise<Appointment> => request('POST', '/api/v1/appointments', { body });
export const revokeAppointment = (id: number): Promise<Appointment> => request('POST', `/api/v1/appointments/${id}/revoke`);
