import { parseArgs } from 'node:util';
import { UsageError, type StandaloneCommand } from '../cli/command.ts';
import { dayArg, flags } from '../forecast/backtest.command.ts';
import { addDays } from '../core/holidays.ts';
import { DECISION_WEEKS, EXTENSION_WEEKS, wooDeadline } from '../core/woo-clock.ts';

/**
 * `grip woo deadline --received YYYY-MM-DD [--extended] [--suspended-days N]`:
 * the Woo decision clock as a command. Needs no database. The due date is the
 * last line, alone, so scripts can take it with `tail -1`.
 */
export const wooCommand: StandaloneCommand = {
  name: 'woo',
  usage: 'woo deadline --received YYYY-MM-DD [--extended] [--suspended-days N]   the Woo decision deadline (last line: YYYY-MM-DD)',
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'deadline') throw new UsageError(`usage: grip ${this.usage}`);
    const { values } = flags(this.usage, () => parseArgs({
      args: rest,
      options: { received: { type: 'string' }, extended: { type: 'boolean' }, 'suspended-days': { type: 'string' } },
    }));
    const received = values.received;
    if (!received) throw new UsageError(`usage: grip ${this.usage}`);
    dayArg('--received', received);
    const rawDays = values['suspended-days'] ?? '0';
    if (!/^\d{1,4}$/.test(rawDays)) throw new UsageError(`--suspended-days must be a whole number from 0 to 9999: ${rawDays}`);
    const suspendedDays = Number(rawDays);
    const extended = values.extended === true;
    const weeks = DECISION_WEEKS + (extended ? EXTENSION_WEEKS : 0);
    const plain = addDays(received, weeks * 7 + suspendedDays);
    const due = wooDeadline({ received, extended, suspendedDays });
    io.out(`Received ${received}; ${weeks} weeks${extended ? ' (extended by 2)' : ''}${suspendedDays ? ` + ${suspendedDays} days suspended` : ''}: ${plain}${due !== plain ? ` is not a working day (Algemene termijnenwet), moved to ${due}` : ''}.`);
    io.out(due);
  },
};
