/**
 * resvg's allocator (mimalloc) hands a freed pixmap back to the kernel within 10 ms by
 * default, so every card's 6–8 MB pixmap was faulted in afresh: a third of a cold build's
 * CPU time went to the kernel. Keeping freed pages for reuse halved that time (measured,
 * README "Speed"); the cost is that resvg's peak stays resident until the process ends.
 * mimalloc reads the option when it is first used, so this module must be imported before
 * anything that loads @resvg/resvg-js; an explicit MIMALLOC_PURGE_DELAY wins.
 */
process.env.MIMALLOC_PURGE_DELAY ??= '-1';
