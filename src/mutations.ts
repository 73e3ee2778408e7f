/**
 * What only CREATE and UPDATE run: validation against the schema, the
 * planners and the two actions. The bundle carries it as a file of its own
 * (dist/mutations.js), loaded at the first CREATE or UPDATE, so that a cold
 * READ, DELETE or LIST never reads or compiles it.
 */
export { create } from './actions/create';
export { update } from './actions/update';
export { validateProperties } from './validate';
