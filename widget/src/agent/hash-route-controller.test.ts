import { deepEqual, equal } from '../../test/assert.ts';
import { FakeHost } from '../../test/fake-host.ts';
import { HashRouteController, roomFromHash } from './hash-route-controller.ts';

describe('HashRouteController', () => {
  const home = location.pathname + location.search;
  afterEach(() => history.replaceState(null, '', home));

  it('reads #room= from the address, decoded, and nothing from a broken one', () => {
    history.replaceState(null, '', '#room=abc%2Fdef');
    equal(roomFromHash(), 'abc/def', 'decoded');
    history.replaceState(null, '', '#tab=1&room=xyz');
    equal(roomFromHash(), 'xyz', 'among other keys');
    history.replaceState(null, '', '#room=%E0%A4%A');
    equal(roomFromHash(), undefined, 'malformed');
    history.replaceState(null, '', '#other');
    equal(roomFromHash(), undefined, 'absent');
  });

  it('puts the open conversation in the address and takes it out, replacing the entry', () => {
    const host = new FakeHost();
    const route = new HashRouteController(host, { enabled: () => true, navigate: () => {} });
    const length = history.length;
    route.follow('room 1');
    equal(location.hash, '#room=room%201', 'hash');
    equal(route.roomId, 'room 1', 'read back');
    route.follow(undefined);
    equal(location.hash, '', 'cleared');
    equal(history.length, length, 'no history entries added');
  });

  it('opens what a hashchange names while on the page, and leaves the address alone when off', () => {
    const host = new FakeHost();
    const opened: string[] = [];
    let enabled = true;
    const route = new HashRouteController(host, { enabled: () => enabled, navigate: (roomId) => opened.push(roomId) });
    host.connect();
    history.replaceState(null, '', '#room=r1');
    dispatchEvent(new HashChangeEvent('hashchange'));
    enabled = false;
    history.replaceState(null, '', '#room=r2');
    dispatchEvent(new HashChangeEvent('hashchange'));
    route.follow('r3');
    equal(location.hash, '#room=r2', 'address untouched while off');
    enabled = true;
    host.disconnect();
    history.replaceState(null, '', '#room=r4');
    dispatchEvent(new HashChangeEvent('hashchange'));
    deepEqual(opened, ['r1'], 'navigations');
  });

  it('shows the settings’ pages at #settings, #settings/replies and #settings/agents, one entry to go back from', () => {
    const host = new FakeHost();
    const route = new HashRouteController(host, { enabled: () => true, navigate: () => {} });
    const length = history.length;
    route.openSettings();
    equal(route.settingsPage, 'team', 'the first page');
    route.showScreen('replies');
    equal(location.hash, '#settings/replies', 'the replies');
    route.showScreen('agents');
    deepEqual([route.settingsPage, route.settings], ['agents', true], 'the agents');
    equal(history.length, length + 1, 'one entry for the settings');
    history.replaceState(null, '', '#settings/nonsense');
    equal(route.settings, false, 'an unknown page is no page');
  });

  it('shows the reports at #reports, pushed from the conversations, in place of the settings from there', () => {
    const host = new FakeHost();
    const route = new HashRouteController(host, { enabled: () => true, navigate: () => {} });
    history.replaceState(null, '', location.pathname);
    const length = history.length;
    route.openReports();
    deepEqual([location.hash, route.reports, route.settings], ['#reports', true, false], 'the reports');
    route.openSettings();
    deepEqual([location.hash, route.reports, route.settingsPage], ['#settings', false, 'team'], 'the settings in their place');
    route.openReports();
    equal(history.length, length + 1, 'one entry to go back from');
  });
});
