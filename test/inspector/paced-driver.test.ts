// The paced driver: paused, each step plays exactly the next due instant (every timer due then) and nothing more;
// stop ends the drive where it is; a bad speed is refused.
import { describe, expect, it } from 'vitest';
import { createSimulatedClock } from '../../src/runtime/clock.js';
import { PacedDriver } from '../../src/inspector/paced-driver.js';
import { flush } from '../substrate/fixtures.js';

describe('the paced driver', () => {
  it('steps one due instant at a time while paused, and stops where it is', async () => {
    const clock = createSimulatedClock();
    const fired: number[] = [];
    for (const at of [10, 10, 25, 40, 90]) clock.setTimeout(() => void fired.push(clock.now()), at);
    const driver = new PacedDriver({ paused: true });
    const settles: number[] = [];
    const done = driver.drive(clock, 100, () => void settles.push(clock.now()));
    await flush();
    expect(fired).toEqual([]);
    driver.step();
    await flush();
    expect(fired).toEqual([10, 10]);
    expect(driver.state()).toMatchObject({ paused: true, simMs: 10, finished: false });
    driver.step();
    driver.step();
    await flush();
    expect(fired).toEqual([10, 10, 25, 40]);
    expect(settles).toEqual([10, 25, 40]);
    driver.stop();
    await done;
    expect(fired).toEqual([10, 10, 25, 40]); // the timer at 90 never played
    expect(driver.state().finished).toBe(true);
    expect(() => driver.setSpeed(0)).toThrow(RangeError);
    expect(() => driver.setSpeed(Number.NaN)).toThrow(RangeError);
  });
});
