const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's order (failed first, then slowest) unless AZG_TEST_ORDER asks for another: `name`
 * (by path) or `reverse` (by path, backwards). Two runs in opposite orders show that no e2e
 * file depends on another's writes on the shared stack.
 */
class FileOrderSequencer extends Sequencer {
  sort(tests) {
    const order = process.env.AZG_TEST_ORDER;
    if (order === undefined || order === '') return super.sort(tests);
    if (order !== 'name' && order !== 'reverse') throw new Error(`AZG_TEST_ORDER must be name or reverse, got "${order}"`);
    const byPath = [...tests].sort((a, b) => a.path.localeCompare(b.path));
    return order === 'reverse' ? byPath.reverse() : byPath;
  }
}

module.exports = FileOrderSequencer;
