package org.sharebus.gateway.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Ed25519 signature for many records, each still verifiable on its own: the signature is over
 * the root of a Merkle tree (SHA-256) whose leaves are the records' value bytes, and each record
 * carries its path to the root in the {@value #PATH_HEADER} header.
 *
 * <p>Why: the JDK's Ed25519 takes about 1 ms of CPU per signature on our machines, more than all
 * the rest of the gateway's work for an event; one signature per publish request costs a batch of
 * 500 events about 2 µs each (see docs/benchmarks.md, Gateway).
 *
 * <p>The tree: a leaf is {@code SHA-256(0x00 || value)}, a node {@code SHA-256(0x01 || left || right)}
 * (the prefixes keep a leaf from passing for a node, as in RFC 6962); each level pairs neighbours,
 * and a last node without a neighbour goes up unchanged. A record's path lists, from its leaf
 * upwards, one 33-byte step per level where it had a neighbour: a side byte ({@code 0} the
 * neighbour is on the left, {@code 1} on the right) and the neighbour's hash. A request of one
 * event has an empty path: its root is its leaf.
 *
 * <p>Verifying a record ({@link #verify}): fold the path over the leaf to get the root, then check
 * the signature of the root with the department's published public key.
 */
public final class BatchSignature {

    /** The record's path to the signed root; empty for a batch of one. */
    public static final String PATH_HEADER = "sharebus-merkle-path";
    static final int STEP = 33;
    private static final byte LEAF = 0;
    private static final byte NODE = 1;

    private final byte[] root;
    private final byte[][] paths;

    private BatchSignature(byte[] root, byte[][] paths) {
        this.root = root;
        this.paths = paths;
    }

    /** The tree over {@code values}, in order. */
    public static BatchSignature of(List<byte[]> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a batch signature needs at least one record");
        }
        MessageDigest sha256 = sha256();
        int n = values.size();
        List<List<byte[]>> steps = new ArrayList<>(n);
        int[] position = new int[n];
        byte[][] level = new byte[n][];
        for (int i = 0; i < n; i++) {
            level[i] = hash(sha256, LEAF, values.get(i), null);
            position[i] = i;
            steps.add(new ArrayList<>());
        }
        while (level.length > 1) {
            byte[][] up = new byte[(level.length + 1) / 2][];
            for (int j = 0; j < up.length; j++) {
                up[j] = 2 * j + 1 < level.length ? hash(sha256, NODE, level[2 * j], level[2 * j + 1]) : level[2 * j];
            }
            for (int i = 0; i < n; i++) {
                int at = position[i];
                int neighbour = at ^ 1;
                if (neighbour < level.length) {
                    byte[] step = new byte[STEP];
                    step[0] = (byte) (neighbour < at ? 0 : 1);
                    System.arraycopy(level[neighbour], 0, step, 1, 32);
                    steps.get(i).add(step);
                }
                position[i] = at / 2;
            }
            level = up;
        }
        byte[][] paths = new byte[n][];
        for (int i = 0; i < n; i++) {
            List<byte[]> path = steps.get(i);
            paths[i] = new byte[path.size() * STEP];
            for (int s = 0; s < path.size(); s++) {
                System.arraycopy(path.get(s), 0, paths[i], s * STEP, STEP);
            }
        }
        return new BatchSignature(level[0], paths);
    }

    /** What is signed: the root of the tree. */
    public byte[] root() {
        return root.clone();
    }

    /** The path of the {@code index}-th value, for its {@value #PATH_HEADER} header. */
    public byte[] path(int index) {
        return paths[index];
    }

    /** The root that {@code value} and its {@code path} lead to. */
    public static byte[] rootOf(byte[] value, byte[] path) {
        if (path == null || path.length % STEP != 0) {
            throw new IllegalArgumentException("a Merkle path is a multiple of " + STEP + " bytes, got "
                    + (path == null ? "none" : path.length));
        }
        MessageDigest sha256 = sha256();
        byte[] hash = hash(sha256, LEAF, value, null);
        for (int at = 0; at < path.length; at += STEP) {
            byte[] neighbour = Arrays.copyOfRange(path, at + 1, at + STEP);
            hash = path[at] == 0 ? hash(sha256, NODE, neighbour, hash) : hash(sha256, NODE, hash, neighbour);
        }
        return hash;
    }

    /** Whether {@code signature} and {@code path} prove that the department holding {@code publicKey} published {@code value}. */
    public static boolean verify(PublicKey publicKey, byte[] value, byte[] path, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(DepartmentSigners.ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(rootOf(value, path));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify an Ed25519 signature", e);
        }
    }

    private static byte[] hash(MessageDigest sha256, byte prefix, byte[] first, byte[] second) {
        sha256.update(prefix);
        sha256.update(first);
        if (second != null) {
            sha256.update(second);
        }
        return sha256.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
