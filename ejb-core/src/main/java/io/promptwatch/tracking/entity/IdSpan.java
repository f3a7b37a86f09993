package io.promptwatch.tracking.entity;

/**
 * The ids of a selection of records when it was read: the lowest, the highest and how many records
 * it held. A job that walks the selection by id ({@code IdWalk}) goes from {@code first - 1} through
 * {@code last}, so records stored after the span was read (higher ids) are not in its walk.
 */
public record IdSpan(long first, long last, long count) {
}
