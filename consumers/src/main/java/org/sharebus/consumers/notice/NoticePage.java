package org.sharebus.consumers.notice;

import java.util.List;

/**
 * One page of notices, as the API answers it.
 *
 * @param page          the page's index, from 0
 * @param size          the page size asked for
 * @param totalElements matches on all pages
 */
public record NoticePage(List<Notice> content, int page, int size, long totalElements) {

    public long totalPages() {
        return (totalElements + size - 1) / size;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < totalElements;
    }

    public boolean hasPrevious() {
        return page > 0;
    }
}
