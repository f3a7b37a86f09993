package io.promptwatch.statistics.control;

/**
 * The 0/1 outcomes (success or failure) that a logistic fit and an AUC both take, checked alike so that
 * both refuse the same labels with the same words.
 */
final class BinaryLabels {

    private BinaryLabels() {
    }

    /**
     * Refuses null labels, a count other than expectedLength, a value other than 0 or 1, and labels of a
     * single class; name is how the messages call the array.
     */
    static void require(int[] labels, int expectedLength, String name) {
        if (labels == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (labels.length != expectedLength) {
            throw new IllegalArgumentException(name + " has " + labels.length + " values, expected one per row ("
                    + expectedLength + ")");
        }
        int ones = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(name + "[" + i + "] must be 0 or 1, was " + labels[i]);
            }
            ones += labels[i];
        }
        if (ones == 0 || ones == labels.length) {
            throw new IllegalArgumentException(name + " holds only one class (" + labels.length + " values, all "
                    + (ones == 0 ? 0 : 1) + "); both 0 and 1 are needed");
        }
    }
}
