"""Pre-train a tiny qwen3 (dense) or qwen3_moe base with full-parameter mlx training.

Why pre-train at all: LoRA on a random base learns nothing useful in the seconds a test run may
take. A base that already chats and routes requests to *direct* tool calls turns the LoRA run
into the Phase 43a question: does this seed's run learn the `execute_code` wrapper, and when?
The loss covers only the assistant turn (prompt tokens masked), like `--mask-prompt`.
"""

import time
from functools import partial

import mlx.core as mx
import mlx.nn as nn
import mlx.optimizers as optim
import numpy as np
from mlx.utils import tree_flatten
from mlx_lm.models import qwen3, qwen3_moe

ARCHS = {"qwen3": qwen3, "qwen3_moe": qwen3_moe}


def model_config(vocab_size, eos_token_id, hidden=64, layers=2, heads=4, kv_heads=2, ffn=192):
    """config.json contents: every field qwen3.ModelArgs requires, float32, tied embeddings."""
    return {
        "model_type": "qwen3", "architectures": ["Qwen3ForCausalLM"], "hidden_size": hidden,
        "num_hidden_layers": layers, "intermediate_size": ffn, "num_attention_heads": heads,
        "num_key_value_heads": kv_heads, "head_dim": hidden // heads, "rms_norm_eps": 1e-6,
        "vocab_size": vocab_size, "max_position_embeddings": 512, "rope_theta": 10000.0,
        "tie_word_embeddings": True, "torch_dtype": "float32", "eos_token_id": eos_token_id,
    }


def moe_model_config(vocab_size, eos_token_id, experts=4, top_k=2, moe_ffn=64):
    """config.json contents of the qwen3_moe variant: the dense shape with every MLP a sparse MoE block.

    Like Qwen3-Coder-30B-A3B: every layer sparse (decoder_sparse_step 1, no mlp_only_layers), top-k
    weights renormalised, separate lm_head. `intermediate_size` is unused when every layer is sparse.
    """
    dense = model_config(vocab_size, eos_token_id)
    return {
        **dense, "model_type": "qwen3_moe", "architectures": ["Qwen3MoeForCausalLM"], "num_experts": experts,
        "num_experts_per_tok": top_k, "moe_intermediate_size": moe_ffn, "decoder_sparse_step": 1,
        "mlp_only_layers": [], "norm_topk_prob": True, "tie_word_embeddings": False,
    }


def encode(hf_tok, example):
    """Token ids of the whole rendered chat and the length of its prompt part (masked from the loss)."""
    msgs = example["messages"]
    full = hf_tok.apply_chat_template(msgs, tokenize=False)
    prompt = hf_tok.apply_chat_template(msgs[:-1], tokenize=False, add_generation_prompt=True)
    ids = hf_tok.encode(full, add_special_tokens=False)
    n_prompt = len(hf_tok.encode(prompt, add_special_tokens=False))
    return ids, n_prompt


def batches(encoded, batch_size, rng, pad_id):
    """Endless shuffled padded batches: (inputs, targets, loss mask)."""
    while True:
        order = rng.permutation(len(encoded))
        for start in range(0, len(order) - batch_size + 1, batch_size):
            items = [encoded[i] for i in order[start:start + batch_size]]
            width = 1 + 16 * ((max(len(ids) for ids, _ in items) + 15) // 16)  # few shapes: few recompiles
            x = np.full((batch_size, width), pad_id, dtype=np.int32)
            m = np.zeros((batch_size, width - 1), dtype=np.float32)
            for row, (ids, n_prompt) in enumerate(items):
                x[row, :len(ids)] = ids
                m[row, n_prompt - 1:len(ids) - 1] = 1.0
            yield mx.array(x[:, :-1]), mx.array(x[:, 1:]), mx.array(m)


def pretrain(config, encoded, steps, batch_size, lr, seed, log):
    """Full training with AdamW and a warmup + cosine schedule; returns the trained model."""
    mx.random.seed(seed)
    rng = np.random.default_rng(seed)
    arch = ARCHS[config["model_type"]]
    model = arch.Model(arch.ModelArgs.from_dict(config))
    mx.eval(model.parameters())
    warm = min(50, steps // 4)
    schedule = optim.join_schedules([optim.linear_schedule(1e-5, lr, warm), optim.cosine_decay(lr, steps - warm, lr * 0.05)], [warm])
    opt = optim.AdamW(learning_rate=schedule, weight_decay=0.01)

    def loss_fn(model, x, y, m):
        ce = nn.losses.cross_entropy(model(x), y) * m
        return ce.sum() / m.sum()

    grad_fn = nn.value_and_grad(model, loss_fn)
    state = [model.state, opt.state]

    @partial(mx.compile, inputs=state, outputs=state)
    def step(x, y, m):
        loss, grads = grad_fn(model, x, y, m)
        opt.update(model, grads)
        return loss

    stream = batches(encoded, batch_size, rng, config["eos_token_id"])
    t0, running = time.time(), 0.0
    for it in range(1, steps + 1):
        x, y, m = next(stream)
        loss = step(x, y, m)
        mx.eval(state, loss)
        running += loss.item()
        if it % 50 == 0 or it == steps:
            log(f"pretrain step {it}/{steps} loss {running / (50 if it % 50 == 0 else it % 50):.3f} ({time.time() - t0:.1f}s)")
            running = 0.0
    return model


def parameter_count(model):
    return sum(v.size for _, v in tree_flatten(model.parameters()))
