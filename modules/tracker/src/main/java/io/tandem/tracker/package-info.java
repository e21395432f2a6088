/**
 * The tracker context: the work-management core.
 *
 * <p>It owns projects and tasks (write model: {@code tracker_project}, {@code tracker_task}) and
 * their read models ({@code project_list}, {@code task_board}). It publishes, through the kernel's
 * event log, {@code ProjectCreated}, {@code TaskCreated} and {@code TaskMoved}; other contexts may
 * use only the {@code contract} package.
 *
 * <ul>
 *   <li>{@code contract}: commands, events, queries and views: the published language</li>
 *   <li>{@code domain}: the aggregates and their rules</li>
 *   <li>{@code command}: one transactional handler per command</li>
 *   <li>{@code readmodel}: projectors that maintain the read models and the query handlers over them</li>
 * </ul>
 */
package io.tandem.tracker;
