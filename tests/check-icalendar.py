#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads pdnetd's calendar feeds with Debian's python3-icalendar, a reader
independent of the libical that wrote them.

Starts the real pdnetd on a temporary data directory, sets up programs,
sessions and a teacher's registrations through the HTTP API (and the
registrations table, which has no route here yet), then fetches
GET /api/v1/sessions.ics, GET /api/v1/me/calendar.ics and the secret feed.
Each must parse; each session's DTSTART/DTEND must be the right UTC instant
on both sides of the end of daylight-saving time in America/Chicago (and in
America/Phoenix, which has none), both through the TZID and through the
VTIMEZONE in the document; statuses, titles and escaped text must read back
as written. Exits non-zero on the first failure (TAP is not needed: meson
reads the exit status).
"""
import datetime
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import icalendar

UTC = datetime.timezone.utc


def utc(text):
    return datetime.datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=UTC)


class Daemon:
    """pdnetd on a free port; stopped (SIGTERM) on exit."""

    def __init__(self, data_dir, log_path):
        # The request log goes to a file: a pipe nobody reads could fill up.
        self.log_path = log_path
        with open(log_path, 'w') as log:
            self.process = subprocess.Popen(
                [os.environ['PDNET_DAEMON'], '--data-dir', data_dir, '--listen', '127.0.0.1:0'],
                stdout=subprocess.PIPE, stderr=log, text=True)
        self.url = None
        for line in self.process.stdout:
            if line.startswith('listening on '):
                self.url = line.split()[-1]
                break
        if self.url is None:
            raise SystemExit('pdnetd did not start: ' + self.log())

    def log(self):
        with open(self.log_path) as log:
            return log.read()

    def call(self, method, path, token=None, body=None, expect=200):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + '/api/v1' + path, data=data, method=method)
        if token is not None:
            request.add_header('Authorization', 'Bearer ' + token)
        if data is not None:
            request.add_header('Content-Type', 'application/json')
        try:
            with urllib.request.urlopen(request) as response:
                status, payload = response.status, response.read()
                kind = response.headers['Content-Type']
        except urllib.error.HTTPError as error:
            status, kind, payload = error.code, error.headers['Content-Type'], error.read()
        if status != expect:
            raise AssertionError('%s %s: %d, expected %d: %s' % (method, path, status, expect,
                                                              payload.decode(errors='replace')))
        if kind is not None and kind.startswith('application/json'):
            return json.loads(payload)
        return kind, payload

    def stop(self):
        """SIGTERM, and a clean exit: under AddressSanitizer a leak fails it."""
        self.process.terminate()
        self.process.communicate(timeout=60)
        if self.process.returncode != 0:
            print(self.log())
        check(self.process.returncode == 0,
              'pdnetd stopped cleanly (exit status %d)' % self.process.returncode)


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print('ok -', message)


def vtimezone_tz(component):
    """component.to_tz(), once each observance's RRULE UNTIL is written in
    local time. RFC 5545 3.3.10 wants UNTIL in UTC in a VTIMEZONE, as libical
    writes it, but python-icalendar 4.0.3 hands dateutil that UTC UNTIL with
    the observance's local DTSTART, which dateutil refuses
    (collective/icalendar#708). The last onset in local time is the UTC
    UNTIL plus the offset in effect before it (TZOFFSETFROM)."""
    for observance in component.subcomponents:
        rule = observance.get('RRULE')
        if rule is None or 'UNTIL' not in rule:
            continue
        offset = observance['TZOFFSETFROM'].td
        rule['UNTIL'] = [until.astimezone(UTC).replace(tzinfo=None) + offset
                         if isinstance(until, datetime.datetime) and until.tzinfo else until
                         for until in rule['UNTIL']]
    return component.to_tz()


def events(document):
    calendar = icalendar.Calendar.from_ical(document)
    check(calendar.name == 'VCALENDAR', 'the document is a VCALENDAR')
    check(str(calendar['VERSION']) == '2.0' and str(calendar['METHOD']) == 'PUBLISH',
          'VERSION:2.0 and METHOD:PUBLISH')
    zones = {str(c['TZID']): vtimezone_tz(c) for c in calendar.walk('VTIMEZONE')}
    found = {}
    for event in calendar.walk('VEVENT'):
        found[str(event['UID'])] = event
    return calendar, zones, found


def instant(prop, zones):
    """The property's UTC instant, twice: through the TZID as python-icalendar
    resolves it (its own tz database), and through the document's VTIMEZONE."""
    when = prop.dt
    check(when.tzinfo is not None, 'a time with a zone or in UTC, not floating')
    tzid = prop.params.get('TZID')
    through_tzid = when.astimezone(UTC)
    if tzid is None:
        return through_tzid, through_tzid, when
    zone = zones[str(tzid)]
    local = when.replace(tzinfo=None)
    through_vtimezone = zone.localize(local).astimezone(UTC)
    return through_tzid, through_vtimezone, when


def check_times(label, event, zones, tzid, starts_at, ends_at, hour):
    for name, expected in (('DTSTART', starts_at), ('DTEND', ends_at)):
        prop = event[name]
        check(prop.params.get('TZID') == tzid, '%s %s has TZID %s' % (label, name, tzid))
        through_tzid, through_vtimezone, local = instant(prop, zones)
        check(through_tzid == utc(expected),
              '%s %s is %s through the TZID' % (label, name, expected))
        check(through_vtimezone == utc(expected),
              '%s %s is %s through the VTIMEZONE' % (label, name, expected))
        if name == 'DTSTART':
            check(local.hour == hour, '%s starts at %d:00 local time' % (label, hour))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = os.path.join(tmp, 'data')
        admin = subprocess.run([os.environ['PDNET_CLI'], '--data-dir', data_dir, 'token', 'create',
                                '--role', 'admin', '--name', 'Calendar check'],
                               check=True, capture_output=True, text=True).stdout.strip()
        daemon = Daemon(data_dir, os.path.join(tmp, 'pdnetd.log'))
        try:
            run(daemon, admin, data_dir)
        except BaseException:
            daemon.process.kill()
            raise
        daemon.stop()
    print('all calendar checks passed')


def run(daemon, admin, data_dir):
    org = daemon.call('POST', '/organizations', admin,
                      {'name': 'Riverside District', 'slug': 'riverside', 'kind': 'district'},
                      expect=201)['id']
    school = daemon.call('POST', '/schools', admin,
                         {'name': 'Lincoln Elementary', 'sector': 'district',
                          'organization_id': org}, expect=201)['id']
    program = daemon.call('POST', '/programs', admin,
                          {'name': 'Literacy, K-2; fall', 'type': 'workshop-series',
                           'lead_organization_id': org, 'school_year': '2031-32'},
                          expect=201)['id']
    title = 'Read-alouds, K-2; part 1\nbring a book \\ or two'

    def session(title, starts, ends, zone='America/Chicago', **extra):
        body = {'program_id': program, 'kind': 'workshop', 'title': title, 'starts_at': starts,
                'ends_at': ends, 'time_zone': zone}
        body.update(extra)
        return daemon.call('POST', '/sessions', admin, body, expect=201)['id']

    # 2 November 2031 ends daylight-saving time in Chicago.
    before = session(title, '2031-11-01T09:00:00-05:00', '2031-11-01T11:00:00-05:00',
                     location='Room 12; east wing', host_school_id=school)
    after = session('Read-alouds, part 2', '2031-11-08T09:00:00-06:00',
                    '2031-11-08T11:00:00-06:00')
    called_off = session('Writers\' workshop', '2031-11-15T09:00:00-06:00',
                         '2031-11-15T11:00:00-06:00')
    phoenix = session('Desert science', '2031-11-01T09:00:00-07:00', '2031-11-01T10:00:00-07:00',
                      zone='America/Phoenix')
    daemon.call('PATCH', '/sessions/%d' % called_off, admin, {'state': 'cancelled'})

    kind, document = daemon.call('GET', '/sessions.ics')
    check(kind == 'text/calendar; charset=utf-8', 'sessions.ics is text/calendar in UTF-8')
    host = daemon.url.split('//')[1].split(':')[0]
    uid = lambda session_id: 'session-%d@%s' % (session_id, host)
    calendar, zones, found = events(document)
    check(sorted(zones) == ['America/Chicago', 'America/Phoenix'],
          'one VTIMEZONE per zone used, named by IANA id')
    check(str(calendar['X-WR-CALNAME']) == 'Professional development sessions (pdnet)',
          'X-WR-CALNAME names the calendar')
    check(len(found) == 4, 'the catalog has the four sessions')
    check_times('before the change', found[uid(before)], zones, 'America/Chicago',
                '2031-11-01T14:00:00Z', '2031-11-01T16:00:00Z', 9)
    check_times('after the change', found[uid(after)], zones, 'America/Chicago',
                '2031-11-08T15:00:00Z', '2031-11-08T17:00:00Z', 9)
    check_times('Phoenix', found[uid(phoenix)], zones, 'America/Phoenix',
                '2031-11-01T16:00:00Z', '2031-11-01T17:00:00Z', 9)
    event = found[uid(before)]
    check(str(event['SUMMARY']) == title, 'commas, semicolons, newlines and backslashes read back')
    check(str(event['LOCATION']) == 'Room 12; east wing, Lincoln Elementary',
          'the location and host school')
    check(str(event['DESCRIPTION']) == 'Program: Literacy, K-2; fall', 'the description')
    check(str(event['STATUS']) == 'CONFIRMED', 'a scheduled session is CONFIRMED')
    event = found[uid(called_off)]
    check(str(event['STATUS']) == 'CANCELLED', 'a cancelled session is STATUS:CANCELLED')
    check(str(event['SUMMARY']) == 'Cancelled: Writers\' workshop', 'and says so in its title')
    check(int(event['SEQUENCE']) >= 0 and 'LAST-MODIFIED' in event and 'DTSTAMP' in event,
          'SEQUENCE, LAST-MODIFIED and DTSTAMP are there')

    kind, document = daemon.call('GET', '/sessions.ics?program_id=%d' % program)
    check(len(events(document)[2]) == 4, 'the program filter keeps its sessions')
    daemon.call('GET', '/sessions.ics?program_id=999', expect=404)

    # A teacher signs up, is registered for one session, waitlisted for
    # another and registered for the cancelled one.
    teacher = daemon.call('POST', '/accounts', None,
                          {'name': 'Ana Teacher', 'email': 'ana@riverside.example',
                           'password': 'correct horse battery', 'school_id': school},
                          expect=201)
    token, person = teacher['token'], teacher['account']['person_id']
    with sqlite3.connect(os.path.join(data_dir, 'pdnet.db'), timeout=10) as db:
        for session_id, status in ((before, 'registered'), (after, 'waitlisted'),
                                   (called_off, 'registered')):
            db.execute('INSERT INTO registrations (session_id, person_id, status, created_at) '
                       "VALUES (?, ?, ?, '2031-01-01T00:00:00Z')", (session_id, person, status))
    db.close()

    kind, mine = daemon.call('GET', '/me/calendar.ics', token)
    feed = daemon.call('GET', '/me/calendar-feed', token)
    check(feed['url'].startswith(daemon.url + '/api/v1/calendar-feeds/'),
          'the feed URL is on this server')
    kind, secret = daemon.call('GET', feed['url'][len(daemon.url + '/api/v1'):])
    for label, document in (('me/calendar.ics', mine), ('the secret feed', secret)):
        calendar, zones, found = events(document)
        check(len(found) == 3, '%s has the teacher\'s three sessions' % label)
        check_times(label + ', before', found[uid(before)], zones, 'America/Chicago',
                    '2031-11-01T14:00:00Z', '2031-11-01T16:00:00Z', 9)
        check_times(label + ', after', found[uid(after)], zones, 'America/Chicago',
                    '2031-11-08T15:00:00Z', '2031-11-08T17:00:00Z', 9)
        check(str(found[uid(before)]['STATUS']) == 'CONFIRMED', label + ': registered')
        check(str(found[uid(after)]['STATUS']) == 'TENTATIVE', label + ': waitlisted')
        check(str(found[uid(after)]['SUMMARY']) == 'Waitlisted: Read-alouds, part 2',
              label + ': waitlisted, in the title')
        check(str(found[uid(called_off)]['STATUS']) == 'CANCELLED', label + ': cancelled')

    rotated = daemon.call('POST', '/me/calendar-feed', token)
    check(rotated['url'] != feed['url'], 'rotating makes a new URL')
    daemon.call('GET', feed['url'][len(daemon.url + '/api/v1'):], expect=404)
    print('ok - the old feed URL is gone')


if __name__ == '__main__':
    main()
