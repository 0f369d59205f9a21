// Starts Debian's chromium or firefox-esr headless on a URL, with no driver: the page posts
// its results to our server (Playwright cannot drive Debian's Firefox, so both run alike).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BROWSERS = { chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' };

// A fresh profile that never asks anything and never reaches for the network.
const FIREFOX_PREFS = [
  'user_pref("browser.shell.checkDefaultBrowser", false);',
  'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
  'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);',
  'user_pref("browser.aboutwelcome.enabled", false);',
  'user_pref("app.update.enabled", false);',
  'user_pref("network.proxy.type", 0);',
];

/** Opens `url` in `name` ('chromium' | 'firefox') with `profile` (an empty directory). */
export function launchHeadless(name, url, profile) {
  let args;
  if (name === 'firefox') {
    writeFileSync(join(profile, 'user.js'), FIREFOX_PREFS.join('\n'));
    args = ['--headless', '--no-remote', '--profile', profile, url];
  } else {
    args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--js-flags=--expose-gc', `--user-data-dir=${profile}`, url];
  }
  const child = spawn(BROWSERS[name], args, { stdio: 'ignore', detached: true, env: { ...process.env, MOZ_HEADLESS: '1' } });
  return {
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(`${name} exited with ${code}`))),
    kill() {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}
