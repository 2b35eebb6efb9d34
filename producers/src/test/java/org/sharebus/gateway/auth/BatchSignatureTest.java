package org.sharebus.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharebus.event.common.Department;

/** One signature over a Merkle tree of records, each record verifiable alone. */
class BatchSignatureTest {

    private static final KeyPair CUSTOMS = DepartmentSigners.demoKeyPair(Department.CUSTOMS);

    @Test
    void shouldVerifyEveryRecordWhenBatchesOfAnySizeAreSignedOnce() throws Exception {
        for (int size = 1; size <= 17; size++) {
            // given
            List<byte[]> values = values(size);
            BatchSignature tree = BatchSignature.of(values);
            byte[] signature = sign(tree.root());

            for (int i = 0; i < size; i++) {
                // when
                boolean valid = BatchSignature.verify(CUSTOMS.getPublic(), values.get(i), tree.path(i), signature);

                // then
                assertThat(valid).as("record %d of %d", i, size).isTrue();
                assertThat(tree.path(i).length).as("path of record %d of %d", i, size)
                        .isLessThanOrEqualTo(BatchSignature.STEP * (32 - Integer.numberOfLeadingZeros(size - 1)));
            }
        }
    }

    @Test
    void shouldNotVerifyWhenAValueOrItsPathWasChanged() throws Exception {
        // given
        List<byte[]> values = values(5);
        BatchSignature tree = BatchSignature.of(values);
        byte[] signature = sign(tree.root());
        byte[] alteredValue = values.get(2).clone();
        alteredValue[0] ^= 1;
        byte[] alteredPath = tree.path(2).clone();
        alteredPath[alteredPath.length - 1] ^= 1;
        byte[] flippedSide = tree.path(2).clone();
        flippedSide[0] ^= 1;

        // when / then
        assertThat(BatchSignature.verify(CUSTOMS.getPublic(), alteredValue, tree.path(2), signature)).isFalse();
        assertThat(BatchSignature.verify(CUSTOMS.getPublic(), values.get(2), alteredPath, signature)).isFalse();
        assertThat(BatchSignature.verify(CUSTOMS.getPublic(), values.get(2), flippedSide, signature)).isFalse();
        assertThat(BatchSignature.verify(CUSTOMS.getPublic(), values.get(3), tree.path(2), signature)).isFalse();
    }

    @Test
    void shouldSignTheLeafHashWhenTheBatchHasOneRecord() {
        // given
        BatchSignature tree = BatchSignature.of(values(1));

        // then a batch of one has an empty path, and its root is the leaf
        assertThat(tree.path(0)).isEmpty();
        assertThat(tree.root()).isEqualTo(BatchSignature.rootOf(values(1).get(0), new byte[0]));
    }

    private static List<byte[]> values(int size) {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            values.add(("record " + i).getBytes(StandardCharsets.UTF_8));
        }
        return values;
    }

    private static byte[] sign(byte[] root) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(CUSTOMS.getPrivate());
        signer.update(root);
        return signer.sign();
    }
}
