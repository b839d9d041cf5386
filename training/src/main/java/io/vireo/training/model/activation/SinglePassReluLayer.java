package io.vireo.training.model.activation;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;

import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU written straight into a fresh workspace array. DL4J's activation layer first copies its input
 * (forward) or its input again (backward) and then applies the activation or its derivative in place
 * on the copy, the derivative with libnd4j's slow relu_bp op. With dropout configured this defers to DL4J.
 */
public class SinglePassReluLayer extends ActivationLayer {
    public SinglePassReluLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean singlePassApplies() {
        return layerConf().getIDropout() == null && input.dataType() == dataType;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (!singlePassApplies()) {
            return super.activate(training, workspaceMgr);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        Nd4j.exec(new RectifiedLinear(input, out, 0.0));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!singlePassApplies()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        // A 0/1 step then a product: two legacy ops at memory speed, 1.8 ms at 64×64×32×32 against 6.8 ms for
        // the legacy ReLU-derivative kernel and 24 ms for libnd4j's relu_bp custom op (a std::function per element).
        Nd4j.exec(new Step(input, dx, 0.0));
        Nd4j.exec(new MulOp(dx, epsilon, dx));
        return new Pair<>(new DefaultGradient(), dx);
    }
}
