/**
 * 培训管理 #/training (event organisers): the courses with 新建课程, each course's sessions (training
 * events; 为本课程排课 opens #/events/new?course=ID), and for a session the registered workers with
 * 通过 / 未通过 toggles (a pass pays points and issues a certificate). 技能比武: the contests with a
 * new-contest form; #/training/contests/ID records scores, shows the ranking and closes the contest.
 */

import * as api from './api';
import { isAbort } from '../shell/api';
import { beijingDate } from '../shell/beijing';
import { h, replace, type Child } from '../shell/dom';
import { badge, errorBox, errorLine, errorMessageOf, runGuarded, section, skeletonLines } from '../shell/ui';
import { topicText, ttr } from './messages';
import './training.css';

const TOPICS = ['first_aid', 'traffic_safety', 'food_safety', 'skills'] as const;

/** A form whose submit runs `work` with `submit` disabled and saying `busy`; a refusal shows in `error`. */
function guardedForm(className: string, submit: HTMLButtonElement, busy: string, error: HTMLElement, work: () => Promise<unknown>, ...children: Child[]): HTMLFormElement {
  const onSubmit = (event: Event): void => {
    event.preventDefault();
    void runGuarded(submit, busy, error, work, errorMessageOf);
  };
  return h('form', { class: className, onSubmit }, ...children);
}

function attendeeRow(eventId: number, attendee: api.Attendee): HTMLElement {
  const state = h('span', { class: 'hint', 'data-testid': 'attendee-state' }, attendee.completion ? ttr('admin.recorded', { result: attendee.completion.passed ? ttr('admin.pass') : ttr('admin.fail') }) : '');
  const error = errorLine('attendee-error');
  const pass = h('button', { type: 'button', class: 'btn btn-primary', 'aria-pressed': String(attendee.completion?.passed === true), 'data-testid': 'attendee-pass' }, ttr('admin.pass')) as HTMLButtonElement;
  const fail = h('button', { type: 'button', class: 'btn btn-secondary', 'aria-pressed': String(attendee.completion?.passed === false), 'data-testid': 'attendee-fail' }, ttr('admin.fail')) as HTMLButtonElement;
  const record = (passed: boolean, button: HTMLButtonElement): void => {
    void runGuarded(button, ttr('admin.saving'), error, async () => {
      const { completion } = await api.recordCompletion(eventId, { account_id: attendee.account_id, passed });
      pass.setAttribute('aria-pressed', String(completion.passed));
      fail.setAttribute('aria-pressed', String(!completion.passed));
      state.textContent = [ttr('admin.recorded', { result: completion.passed ? ttr('admin.pass') : ttr('admin.fail') }), completion.certificate ? ttr('admin.certified', { serial: completion.certificate.serial }) : '']
        .filter(Boolean)
        .join(' · ');
    }, errorMessageOf);
  };
  pass.addEventListener('click', () => record(true, pass));
  fail.addEventListener('click', () => record(false, fail));
  return h('li', { class: 'tr-item', 'data-testid': 'attendee', 'data-account': attendee.account_id }, h('h3', null, attendee.name), h('div', { class: 'tr-toggle' }, pass, fail), state, error);
}

/** A button that shows and hides a list loaded on each opening: the items, or `empty` when there are none. */
function expander<T>(label: string, testid: string, load: () => Promise<{ items: T[] }>, item: (value: T) => HTMLElement, empty: string): { button: HTMLButtonElement; body: HTMLElement } {
  const body = h('div', { hidden: true });
  const button = h('button', { type: 'button', class: 'btn btn-secondary', 'data-testid': testid }, label) as HTMLButtonElement;
  button.addEventListener('click', () => {
    body.hidden = !body.hidden;
    if (body.hidden) return;
    replace(body, skeletonLines(2));
    load().then(
      ({ items }) => replace(body, items.length === 0 ? h('div', { class: 'empty' }, empty) : h('ul', { class: 'tr-list' }, items.map(item))),
      (error: unknown) => {
        if (!isAbort(error)) replace(body, errorBox(error));
      },
    );
  });
  return { button, body };
}

function sessionItem(session: api.Session, signal: AbortSignal): HTMLElement {
  const attendees = expander(ttr('admin.record'), 'session-record', () => api.attendees(session.event_id, signal), (a: api.Attendee) => attendeeRow(session.event_id, a), ttr('admin.noAttendees'));
  return h(
    'li',
    { class: 'tr-item', 'data-testid': 'session', 'data-event': session.event_id },
    h('h3', null, h('a', { href: `#/events/${session.event_id}` }, session.title)),
    h('p', { class: 'hint' }, beijingDate(session.starts_at)),
    session.trainer ? h('div', { class: 'tr-actions' }, attendees.button) : null,
    attendees.body,
  );
}

function courseItem(course: api.Course, signal: AbortSignal): HTMLElement {
  const sessions = expander(ttr('admin.sessions'), 'course-sessions', () => api.sessions(course.id, signal), (s: api.Session) => sessionItem(s, signal), ttr('admin.noSessions'));
  return h(
    'li',
    { class: 'tr-item', 'data-testid': 'course', 'data-course': course.id },
    h('h3', null, course.title),
    h('p', { class: 'hint' }, [topicText(course.topic), ttr('mine.hours', { hours: course.hours }), course.area.name, ttr('admin.passedCount', { count: course.passed })].join(' · ')),
    h('div', { class: 'tr-actions' }, sessions.button, h('a', { class: 'btn btn-primary', href: course.new_session_url, 'data-testid': 'course-schedule' }, ttr('admin.schedule'))),
    sessions.body,
  );
}

function newCourseForm(onCreated: () => void): HTMLElement {
  const topic = h('select', { 'aria-label': ttr('admin.topic'), 'data-testid': 'course-topic' }, TOPICS.map((t) => h('option', { value: t }, topicText(t)))) as HTMLSelectElement;
  const title = h('input', { type: 'text', maxlength: 80, required: true, placeholder: ttr('admin.courseTitle'), 'aria-label': ttr('admin.courseTitle'), 'data-testid': 'course-title' }) as HTMLInputElement;
  const description = h('textarea', { rows: 2, placeholder: ttr('admin.description'), 'aria-label': ttr('admin.description') }) as HTMLTextAreaElement;
  const hours = h('input', { type: 'number', min: 1, max: 200, value: '2', 'aria-label': ttr('admin.hours'), 'data-testid': 'course-hours' }) as HTMLInputElement;
  const error = errorLine('course-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary tr-big', 'data-testid': 'course-create' }, ttr('admin.create')) as HTMLButtonElement;
  return guardedForm(
    'tr-form',
    submit,
    ttr('admin.creating'),
    error,
    async () => {
      await api.createCourse({ topic: topic.value, title: title.value, description: description.value, hours: Number(hours.value) });
      title.value = '';
      description.value = '';
      onCreated();
    },
    topic,
    title,
    description,
    hours,
    submit,
    error,
  );
}

function contestItem(contest: api.Contest): HTMLElement {
  return h(
    'li',
    { class: 'tr-item', 'data-testid': 'contest' },
    h('h3', null, h('a', { href: `#/training/contests/${contest.id}` }, contest.title)),
    badge(contest.status === 'open' ? ttr('contest.open') : ttr('contest.closed'), contest.status === 'open' ? 'ok' : 'muted'),
  );
}

function newContestForm(onCreated: (id: number) => void): HTMLElement {
  const eventId = h('input', { type: 'number', min: 1, placeholder: ttr('contest.eventId'), 'aria-label': ttr('contest.eventId'), 'data-testid': 'contest-event' }) as HTMLInputElement;
  const title = h('input', { type: 'text', maxlength: 80, placeholder: ttr('contest.contestTitle'), 'aria-label': ttr('contest.contestTitle'), 'data-testid': 'contest-title' }) as HTMLInputElement;
  const error = errorLine('contest-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, ttr('contest.create')) as HTMLButtonElement;
  return guardedForm(
    'tr-form',
    submit,
    ttr('admin.creating'),
    error,
    async () => {
      const { contest } = await api.createContest({ event_id: Number(eventId.value), title: title.value });
      onCreated(contest.id);
    },
    h('div', { class: 'tr-inline' }, eventId, title, submit),
    error,
  );
}

export function trainingAdminPage(signal: AbortSignal): HTMLElement {
  const courses = h('div', { 'data-testid': 'training-courses' }, skeletonLines(3));
  const contests = h('div', { 'data-testid': 'training-contests' }, skeletonLines(2));
  const load = async (): Promise<void> => {
    try {
      const [c, k] = await Promise.all([api.courses(signal), api.contests(signal)]);
      replace(courses, c.items.length === 0 ? h('div', { class: 'empty' }, ttr('admin.noCourses')) : h('ul', { class: 'tr-list' }, c.items.map((course) => courseItem(course, signal))));
      replace(contests, k.items.length === 0 ? h('div', { class: 'empty' }, ttr('contest.none')) : h('ul', { class: 'tr-list' }, k.items.map(contestItem)));
    } catch (error) {
      if (!isAbort(error)) replace(courses, errorBox(error, () => void load()));
    }
  };
  void load();
  return h(
    'div',
    { class: 'page tr-page', 'data-testid': 'training-admin' },
    h('h1', null, ttr('admin.title')),
    h('p', { class: 'hint' }, ttr('admin.intro')),
    section(ttr('admin.courses'), h('div', { class: 'card' }, courses)),
    section(ttr('admin.newCourse'), h('div', { class: 'card' }, newCourseForm(() => void load()))),
    section(ttr('admin.contests'), h('div', { class: 'card' }, contests, newContestForm((id) => (location.hash = `#/training/contests/${id}`)))),
  );
}

export function contestPage(id: number, signal: AbortSignal): HTMLElement {
  const body = h('div', { 'data-testid': 'contest-page-body' }, skeletonLines(4));
  const render = (contest: api.Contest, note = ''): void => {
    const ranking = contest.ranking ?? [];
    const account = h('input', { type: 'number', min: 1, placeholder: ttr('contest.account'), 'aria-label': ttr('contest.account'), 'data-testid': 'score-account' }) as HTMLInputElement;
    const score = h('input', { type: 'number', min: 0, max: 1000, placeholder: ttr('contest.score'), 'aria-label': ttr('contest.score'), 'data-testid': 'score-value' }) as HTMLInputElement;
    const error = errorLine('score-error');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'score-record' }, ttr('contest.record')) as HTMLButtonElement;
    const close = h('button', { type: 'button', class: 'btn btn-secondary tr-big', 'data-testid': 'contest-close' }, ttr('contest.close', { top: 3 })) as HTMLButtonElement;
    close.addEventListener('click', () => {
      void runGuarded(close, ttr('contest.closing'), error, async () => {
        const closed = await api.closeContest(id, 3);
        render(closed.contest, closed.contest.campaign_id ? ttr('contest.nominated', { count: closed.nominated }) : ttr('contest.noCampaign'));
      }, errorMessageOf);
    });
    const open = contest.status === 'open' && contest.organiser === true;
    replace(
      body,
      h('header', { class: 'tr-head' }, h('h1', null, contest.title), badge(open || contest.status === 'open' ? ttr('contest.open') : ttr('contest.closed'), contest.status === 'open' ? 'ok' : 'muted', 'contest-status')),
      note ? h('p', { class: 'hint', 'data-testid': 'contest-note' }, note) : null,
      section(
        ttr('contest.ranking'),
        h(
          'div',
          { class: 'card' },
          ranking.length === 0
            ? h('div', { class: 'empty' }, ttr('contest.noScores'))
            : h('ol', { class: 'tr-list', 'data-testid': 'contest-ranking' }, ranking.map((line) => h('li', { class: 'tr-item' }, h('h3', null, `${ttr('contest.rank', { rank: line.rank })} · ${line.name}`), h('p', { class: 'hint' }, `${ttr('contest.score')} ${line.score}`)))),
        ),
      ),
      open
        ? guardedForm(
            'card tr-form',
            submit,
            ttr('admin.saving'),
            error,
            async () => {
              const recorded = await api.recordScore(id, { account_id: Number(account.value), score: Number(score.value) });
              render(recorded.contest);
            },
            h('div', { class: 'tr-inline' }, account, score, submit),
            error,
            close,
          )
        : null,
    );
  };
  api.contest(id, signal).then(
    ({ contest }) => render(contest),
    (error: unknown) => {
      if (!isAbort(error)) replace(body, errorBox(error));
    },
  );
  return h('div', { class: 'page tr-page', 'data-testid': 'contest-page' }, body, h('a', { class: 'btn btn-secondary', href: '#/training' }, ttr('admin.title')));
}
