/**
 * A restart on a state file carries on every request the last process had
 * accepted and not ended, as Cloud Control never forgets an operation it
 * accepted: the handler is invoked again with the same request token (so a
 * CREATE whose CreateUser went through finds its user by the token's marker
 * and adopts it) and the model and callback context of its last answer, and
 * the request ends as the handler answers.
 */
import type { Driver } from './driver';
import type { Caller } from './handler-request';
import type { RequestStore } from './store';

/** Starts driving each request the state file holds as running; how many there were. */
export async function resumeRequests(
    store: RequestStore,
    driver: Driver,
    callerFor: (region: string) => Promise<Caller>
): Promise<number> {
    const records = store.resumable();
    for (const record of records) {
        const plan = record.resume!;
        driver.start(record, {
            action: plan.action,
            caller: await callerFor(plan.region),
            desired: plan.desired,
            previous: plan.previous,
            model: plan.model,
            callbackContext: plan.callbackContext,
        });
    }
    return records.length;
}
