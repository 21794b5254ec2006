'use strict';
/**
 * Run before `npm start` and `npm test`: refuses, in one line, a Node.js older than the
 * `engines.node` minimum of the root package.json, before an old Node fails somewhere deep in the
 * build or at run time with a message that names neither Node nor the version needed. Plain
 * CommonJS with no dependencies, so it runs on any Node that can run npm.
 *
 *   node scripts/check-node.cjs [version]    (the version to judge; this Node's by default)
 */
const path = require('path');

const { engines } = require(path.join(__dirname, '..', 'package.json'));
const required = engines.node;

/** The numbers of a version such as `v18.20.4`, `20.19` or `>=20.19`: [major, minor, patch]. */
function numbers(version) {
  const match = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version);
  if (!match) throw new Error(`not a version: ${version}`);
  return [match[1], match[2], match[3]].map((part) => Number(part || 0));
}

/** Whether `version` is at least `minimum`, both [major, minor, patch]. */
function atLeast(version, minimum) {
  for (let index = 0; index < 3; index += 1) {
    if (version[index] !== minimum[index]) return version[index] > minimum[index];
  }
  return true;
}

if (!/^>=\s*\d+(\.\d+){0,2}$/.test(required)) throw new Error(`check-node understands only ">=x.y.z" in engines.node, got "${required}"`);
const current = (process.argv[2] || process.versions.node).replace(/^v/, '');
if (!atLeast(numbers(current), numbers(required))) {
  const [major, minor] = numbers(required);
  process.stderr.write(
    `Almaty Zone Graph needs Node.js ${required}; this is ${current}. ` +
    `Install Node.js ${major}.${minor} or newer (https://nodejs.org, or \`nvm install ${major}\`), then run npm install again.\n`,
  );
  process.exit(1);
}
