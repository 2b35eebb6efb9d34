package org.sharebus.registry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A cache that loads each key once, even when many threads ask for it at the same time: the first
 * asks the registry, the others wait for its answer. A failed load is not cached, so the next
 * caller tries again.
 */
final class OnceCache<K, V> {

    private final ConcurrentHashMap<K, CompletableFuture<V>> entries = new ConcurrentHashMap<>();

    V get(K key, Function<K, V> loader) {
        CompletableFuture<V> entry = entries.get(key);
        if (entry == null) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            entry = entries.putIfAbsent(key, mine);
            if (entry == null) {
                return load(key, loader, mine);
            }
        }
        try {
            return entry.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Records a value learnt some other way, e.g. the schema of an id just registered. */
    void put(K key, V value) {
        entries.putIfAbsent(key, CompletableFuture.completedFuture(value));
    }

    private V load(K key, Function<K, V> loader, CompletableFuture<V> mine) {
        try {
            V value = loader.apply(key);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            entries.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
