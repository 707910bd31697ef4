"""mlx-lm 0.32.2's training loop (tuner/trainer.py `train`) over the cache, with exact resume."""

import os
import time
from functools import partial
from pathlib import Path

from .common import Refused
from .resume import latest_resume, restore, save_resume


# The loop: mlx_lm 0.32.2 tuner/trainer.py `train`, with the batch carrying its cached hidden state and
# with exact resume. Lines differing from mlx-lm are marked `# prefix-cache`.


class BatchOrder:
    """iterate_batches' order: one np.random.permutation per epoch, drawn when the epoch's first batch is
    asked for. Holds the rest of the current epoch so a resume can continue it."""

    def __init__(self, batches, store, loop, pending=None):
        self.batches, self.store, self.loop = batches, store, loop
        self.pending = list(pending) if pending is not None else []
        self.started = pending is not None and len(pending) > 0

    def __iter__(self):
        import numpy as np

        while True:
            if not self.pending:
                if self.started and not self.loop:
                    return
                self.pending = [int(i) for i in np.random.permutation(len(self.batches))]
                self.started = True
            i = self.pending.pop(0)
            batch, lengths = self.batches[i]
            yield self.store.hidden(batch), batch, lengths
            if not self.pending and not self.loop:
                return


def cached_loss(model, hidden, batch, lengths):
    """mlx-lm's default_loss with `model(inputs)` fed the cached hidden state of `inputs`."""
    import mlx.core as mx
    import mlx.nn as nn

    inputs = batch[:, :-1]
    targets = batch[:, 1:]

    logits = model(inputs, input_embeddings=hidden)  # prefix-cache

    steps = mx.arange(1, targets.shape[1] + 1)
    mask = mx.logical_and(steps >= lengths[:, 0:1], steps <= lengths[:, 1:])

    ce = nn.losses.cross_entropy(logits, targets) * mask
    ntoks = mask.sum()
    ce = ce.astype(mx.float32).sum() / ntoks

    return ce, ntoks


def pass_through():
    """A parameterless module that stands in for a frozen bottom layer: its output is already in the cache."""
    import mlx.nn as nn

    class PassThrough(nn.Module):
        def __call__(self, h, mask=None, cache=None):
            return h

    return PassThrough()


def make_train_loop(store, datasets_batches, resume, args_hash):
    """The function mlx_lm.lora.train_model calls in place of mlx_lm.tuner.trainer.train."""

    def train_loop(model, optimizer, train_dataset, val_dataset=None, args=None, loss=None,
                   iterate_batches=None, training_callback=None):
        import mlx.core as mx
        import mlx.nn as nn
        from mlx.nn.utils import average_gradients
        from mlx.utils import tree_flatten, tree_map
        from mlx_lm.cli_ui import TrainUI
        from mlx_lm.tuner.trainer import TrainingArgs, _clear_cache, evaluate
        from mlx_lm.utils import maybe_set_recommended_wired_limit

        args = args or TrainingArgs()
        loss = cached_loss  # prefix-cache
        first = store.first_adapted  # prefix-cache: the frozen bottom becomes pass-throughs
        for i in range(first):
            model.model.layers[i] = pass_through()

        _ = maybe_set_recommended_wired_limit()
        world = mx.distributed.init()
        world_size = world.size()
        rank = world.rank()
        if world_size != 1:  # prefix-cache
            raise Refused("distributed training is not supported")

        loss_value_and_grad = nn.value_and_grad(model, loss)

        grad_accum_steps = args.grad_accumulation_steps
        if grad_accum_steps < 1:
            raise ValueError("grad_accumulation_steps must be at least 1")

        # prefix-cache: restore an exact continuation before the compiled step captures the state
        start, grad_accum, losses, n_tokens, steps, trained_tokens = 1, None, 0, 0, 0, 0
        train_order = BatchOrder(datasets_batches["train"], store, loop=True)
        found = latest_resume(Path(args.adapter_file).parent, args_hash) if resume else None
        if found:
            meta, arrays_path, checkpoint = found
            grad_accum, losses, n_tokens = restore(meta, arrays_path, checkpoint, model, optimizer)
            start, steps, trained_tokens = meta["iteration"] + 1, meta["steps"], meta["trained_tokens"]
            train_order = BatchOrder(datasets_batches["train"], store, loop=True, pending=meta["pending"])
            print(f"prefix-cache: resuming after iteration {meta['iteration']} from {checkpoint.name}", flush=True)

        def batches_for(dataset, batch_size, max_seq_length, loop=False, seed=None, comm_group=None):  # prefix-cache
            return iter(BatchOrder(datasets_batches["valid"], store, loop=loop))

        state = [model.state, optimizer.state, mx.random.state]

        @partial(mx.compile, inputs=state, outputs=state)
        def step(batch, prev_grad, do_update):
            (lvalue, toks), grad = loss_value_and_grad(model, *batch)

            if prev_grad is not None:
                grad = tree_map(lambda x, y: x + y, grad, prev_grad)

            if do_update:
                grad = average_gradients(grad)
                if grad_accum_steps > 1:
                    grad = tree_map(lambda x: x / grad_accum_steps, grad)
                optimizer.update(model, grad)
                grad = None

            return lvalue, toks, grad

        model.train()
        train_time = 0
        kill_at = int(os.environ.get("SEEDSTUDY_TEST_SIGKILL_AT_ITER", "0"))  # prefix-cache

        ui = TrainUI(args.iters, rank=rank)
        with ui:
            for _ in range(start - 1):  # prefix-cache: the progress bar continues
                ui.advance()
            # Main training loop
            for it, batch in zip(range(start, args.iters + 1), iter(train_order)):
                tic = time.perf_counter()
                if val_dataset and (it == 1 or it % args.steps_per_eval == 0 or it == args.iters):
                    if args.val_batches == -1:
                        val_total = len(val_dataset) // args.batch_size
                    else:
                        val_total = min(len(val_dataset) // args.batch_size, args.val_batches)

                    tic = time.perf_counter()
                    with ui.val_task(val_total) as advance_val:
                        val_loss = evaluate(
                            model=model,
                            dataset=val_dataset,
                            loss=loss,
                            batch_size=args.batch_size,
                            num_batches=args.val_batches,
                            max_seq_length=args.max_seq_length,
                            iterate_batches=batches_for,
                            progress_callback=advance_val,
                        )
                    model.train()
                    val_time = time.perf_counter() - tic
                    ui.report_val(it, val_loss, val_time)

                    if training_callback is not None:
                        training_callback.on_val_loss_report(
                            {"iteration": it - 1, "val_loss": val_loss, "val_time": val_time}
                        )

                    tic = time.perf_counter()

                lvalue, toks, grad_accum = step(batch, grad_accum, it % grad_accum_steps == 0)

                losses += lvalue
                n_tokens += toks
                steps += 1
                mx.eval(state, losses, n_tokens, grad_accum)
                _clear_cache(args.clear_cache_threshold)
                train_time += time.perf_counter() - tic

                ui.advance()
                if kill_at == it:  # prefix-cache: tests' kill -9 mid-run
                    os.kill(os.getpid(), 9)

                # Report training loss if needed
                if it % args.steps_per_report == 0 or it == args.iters:
                    train_loss = mx.distributed.all_sum(losses, stream=mx.cpu).item()
                    train_loss /= steps * world_size
                    n_tokens = mx.distributed.all_sum(n_tokens, stream=mx.cpu).item()
                    learning_rate = optimizer.learning_rate.item()
                    it_sec = args.steps_per_report / train_time
                    tokens_sec = float(n_tokens) / train_time
                    trained_tokens += n_tokens
                    peak_mem = mx.get_peak_memory() / 1e9
                    ui.report_train(it, train_loss, tokens_sec, trained_tokens)

                    if training_callback is not None:
                        training_callback.on_train_loss_report(
                            {
                                "iteration": it,
                                "train_loss": train_loss,
                                "learning_rate": learning_rate,
                                "iterations_per_second": it_sec,
                                "tokens_per_second": tokens_sec,
                                "trained_tokens": trained_tokens,
                                "peak_memory": peak_mem,
                            }
                        )

                    losses = 0
                    n_tokens = 0
                    steps = 0
                    train_time = 0

                # Save adapter weights
                if it % args.steps_per_save == 0 and rank == 0:
                    adapter_weights = dict(tree_flatten(model.trainable_parameters()))
                    mx.save_safetensors(str(args.adapter_file), adapter_weights)
                    checkpoint = Path(args.adapter_file).parent / f"{it:07d}_adapters.safetensors"
                    mx.save_safetensors(str(checkpoint), adapter_weights)
                    sums = {  # prefix-cache
                        "losses": losses, "n_tokens": n_tokens, "steps": steps, "trained_tokens": trained_tokens,
                        "losses_is_array": isinstance(losses, mx.array),
                        "n_tokens_is_array": isinstance(n_tokens, mx.array),
                    }
                    save_resume(args.adapter_file, it, checkpoint, optimizer, grad_accum, sums, train_order,
                                args_hash)
                    ui.report_save(checkpoint)

        # Save final weights
        if rank == 0:
            adapter_weights = dict(tree_flatten(model.trainable_parameters()))
            mx.save_safetensors(str(args.adapter_file), adapter_weights)

    return train_loop
