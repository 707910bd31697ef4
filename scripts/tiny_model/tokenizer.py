"""A byte-level BPE tokenizer trained locally with `tokenizers`, saved the way mlx_lm.load wants it.

Why byte-level BPE: any text round-trips (no unknown tokens), and the `ByteLevel` decoder makes
mlx-lm pick its BPE streaming detokenizer, as for real Qwen models. Why `<think>`/`</think>` are
added tokens: mlx-lm then reports `has_thinking` and defaults `enable_thinking` to true, exactly
like Qwen3, so forgetting `chat_template_args: {enable_thinking: false}` reproduces the Phase 43a
think-mode failure instead of silently working.
"""

import json
from pathlib import Path

from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers

SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
# Not special (kept when decoding with skip_special_tokens), as in Qwen3's tokenizer.
MARKUP = ["<think>", "</think>", "<tool_call>", "</tool_call>", "<tool_response>", "</tool_response>"]
EOS = "<|im_end|>"
PAD = "<|endoftext|>"
TEMPLATE = Path(__file__).with_name("chat_template.jinja")


def train_tokenizer(texts, vocab_size):
    """Train BPE on `texts` (single-threaded, so merges are deterministic) and add the chat tokens."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=2, special_tokens=SPECIAL,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(sorted(set(texts)), trainer=trainer)
    tok.add_tokens([AddedToken(t, special=False, normalized=False) for t in MARKUP])
    return tok


def save_tokenizer(tok, model_dir):
    """Write tokenizer.json and a hand-written tokenizer_config.json (generic fast tokenizer class)."""
    model_dir = Path(model_dir)
    tok.save(str(model_dir / "tokenizer.json"))
    config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "eos_token": EOS,
        "pad_token": PAD,
        "bos_token": None,
        "model_max_length": 2048,
        "clean_up_tokenization_spaces": False,
        "add_prefix_space": False,
        "chat_template": TEMPLATE.read_text(),
    }
    (model_dir / "tokenizer_config.json").write_text(json.dumps(config, indent=2) + "\n")
    return {"eos_token_id": tok.token_to_id(EOS), "pad_token_id": tok.token_to_id(PAD), "vocab_size": tok.get_vocab_size()}
