// A Broadcast campaign's pace (stats.broadcast) in words, for the wallboard and the campaign page.

const rate = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** "4.8 / 5": calls per second achieved over the last minute against asked. */
export function paceFigures(b) {
  return `${rate.format(b.achievedCallsPerSecond ?? 0)} / ${rate.format(b.askedCallsPerSecond ?? 0)}`;
}

/** "4.8 / 5 calls per second". */
export const paceText = (b) => `${paceFigures(b)} calls per second`;

/** What held the campaign below its asked rate, in plain language; null when nothing did. */
export function limitText(b) {
  switch (b?.limitedBy) {
    case null:
    case undefined:
      return null;
    case 'maxConcurrentCalls':
      return `concurrency cap (${b.maxConcurrentCalls} calls at once)`;
    case 'speechCapacity':
      return b.speechConversationsMax != null
        ? `speech capacity (${b.speechConversationsActive ?? 0} of ${b.speechConversationsMax} conversations)`
        : 'speech capacity';
    case 'trunkFull':
      return 'trunk full';
    case 'noCallableLeads':
      return 'no callable leads';
    default:
      return b.limitedBy;
  }
}
