package org.sharebus.consumers.search;

import java.util.List;

/**
 * One page of results, as the APIs and pages answer them: enterprises, notices, inspection plans and tasks.
 *
 * @param page          the page's index, from 0
 * @param size          the page size asked for
 * @param totalElements matches on all pages
 */
public record SearchPage<T>(List<T> content, int page, int size, long totalElements) {

    public long totalPages() {
        return (totalElements + size - 1) / size;
    }

    /** The page's number as people count, from 1 (a long: the last int index has a number too). */
    public long number() {
        return (long) page + 1;
    }

    public boolean hasNext() {
        return number() * size < totalElements;
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    /**
     * Past the last page: matches there are, none on this page (a stale link, a page typed in the address, its last
     * match just gone). The pages answer the last page then, not "nothing matches" under the count of what does.
     */
    public boolean pastTheLast() {
        return content.isEmpty() && page > 0 && totalElements > 0;
    }

    /** The last page's index. */
    public int lastPage() {
        return (int) Math.max(0, totalPages() - 1);
    }
}
