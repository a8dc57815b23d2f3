/**
 * Pure conflict decisions: three-way merge of JSON ({@link dev.ferry.daemon.core.merge.JsonMerge})
 * and text ({@link dev.ferry.daemon.core.merge.TextMerge}), and the strategy policy
 * ({@link dev.ferry.daemon.core.merge.ConflictResolver}) that turns a conflict into a
 * {@link dev.ferry.daemon.core.ConflictResolution} for the engine to carry out. No I/O, no clock.
 */
package dev.ferry.daemon.core.merge;
