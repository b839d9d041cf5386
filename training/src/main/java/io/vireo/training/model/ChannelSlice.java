package io.vireo.training.model;

import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;

/**
 * Channels [from, to] (inclusive) of a CNN activation. DL4J's own {@link SubsetVertex} computes this
 * correctly at run time, but its M2.1 shape inference gives CNN outputs {@code from - to + 1} channels
 * (negative), which breaks every layer after it; this subclass only corrects that inference.
 */
final class ChannelSlice extends SubsetVertex {
    ChannelSlice(int from, int to) {
        super(from, to);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length == 1 && vertexInputs[0] instanceof InputType.InputTypeConvolutional conv) {
            if (getTo() >= conv.getChannels()) {
                throw new InvalidInputTypeException("channel slice [" + getFrom() + ", " + getTo() + "] of a "
                        + conv.getChannels() + "-channel input");
            }
            return InputType.convolutional(conv.getHeight(), conv.getWidth(), getTo() - getFrom() + 1, conv.getFormat());
        }
        return super.getOutputType(layerIndex, vertexInputs);
    }

    @Override
    public ChannelSlice clone() {
        return new ChannelSlice(getFrom(), getTo());
    }
}
