"""The AEAD layout, key wrapping, the KDF guard rails and the recovery key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clientjournal.crypto.aead import OVERHEAD, RecordCipher, RecordRef
from clientjournal.crypto.kdf import KdfParams, derive_key, tune_kdf
from clientjournal.crypto.keys import RecoveryKey, generate_key, unwrap_key, wrap_key
from clientjournal.errors import AuthenticationError, IntegrityError, UnsupportedVaultError

REF = RecordRef("vault-1", "entries", "client-1/e1", "payload")
refs = st.builds(
    RecordRef,
    st.text(max_size=20),
    st.text(max_size=20),
    st.text(max_size=40),
    st.text(max_size=20),
)


@given(plaintext=st.binary(max_size=2048), ref=refs)
def test_round_trip_returns_the_plaintext(plaintext: bytes, ref: RecordRef) -> None:
    cipher = RecordCipher(bytes(32))
    assert cipher.decrypt(cipher.encrypt(plaintext, ref), ref) == plaintext


def test_each_encryption_uses_a_fresh_nonce() -> None:
    cipher = RecordCipher(generate_key())
    assert cipher.encrypt(b"same", REF) != cipher.encrypt(b"same", REF)
    assert len(cipher.encrypt(b"same", REF)) == len(b"same") + OVERHEAD


@given(plaintext=st.binary(max_size=256), data=st.data())
def test_any_flipped_bit_is_detected(plaintext: bytes, data: st.DataObject) -> None:
    cipher = RecordCipher(bytes(range(32)))
    blob = bytearray(cipher.encrypt(plaintext, REF))
    position = data.draw(st.integers(0, len(blob) - 1))
    bit = data.draw(st.integers(0, 7))
    blob[position] ^= 1 << bit
    with pytest.raises(IntegrityError):
        cipher.decrypt(bytes(blob), REF)


@given(plaintext=st.binary(max_size=256), cut=st.integers(min_value=1, max_value=300))
def test_truncation_is_detected(plaintext: bytes, cut: int) -> None:
    cipher = RecordCipher(bytes(32))
    blob = cipher.encrypt(plaintext, REF)
    with pytest.raises(IntegrityError):
        cipher.decrypt(blob[: max(0, len(blob) - cut)], REF)


@pytest.mark.parametrize(
    "moved",
    [
        RecordRef("vault-2", "entries", "client-1/e1", "payload"),
        RecordRef("vault-1", "projects", "client-1/e1", "payload"),
        RecordRef("vault-1", "entries", "client-1/e2", "payload"),
        RecordRef("vault-1", "entries", "client-1/e1", "other"),
    ],
    ids=["other vault", "other table", "other row", "other field"],
)
def test_a_ciphertext_moved_elsewhere_fails(moved: RecordRef) -> None:
    cipher = RecordCipher(bytes(32))
    with pytest.raises(IntegrityError, match="failed authentication"):
        cipher.decrypt(cipher.encrypt(b"secret", REF), moved)


def test_the_key_version_is_part_of_the_layout() -> None:
    blob = RecordCipher(bytes(32), key_version=1).encrypt(b"x", REF)
    with pytest.raises(IntegrityError, match="another key version"):
        RecordCipher(bytes(32), key_version=2).decrypt(blob, REF)


def test_wrapped_keys_unwrap_only_with_the_right_key_and_place() -> None:
    key, kek = generate_key(), generate_key()
    wrapped = wrap_key(kek, key, REF)
    assert unwrap_key(kek, wrapped, REF) == key
    with pytest.raises(AuthenticationError):
        unwrap_key(generate_key(), wrapped, REF)


def test_kdf_is_deterministic_and_salted() -> None:
    params = KdfParams.minimum()
    assert derive_key("pass phrase", params) == derive_key("pass phrase", params)
    assert derive_key("pass phrase", params) != derive_key("pass phrase", KdfParams.minimum())


def test_kdf_normalises_unicode() -> None:
    params = KdfParams.minimum()
    composed, decomposed = "bl\u00e5b\u00e6r", "bla\u030ab\u00e6r"
    assert derive_key(composed, params) == derive_key(decomposed, params)


@pytest.mark.parametrize(
    ("memory_kib", "time_cost", "parallelism"),
    [
        (1, 3, 4),
        (32 * 1024, 3, 4),
        (100 * 1024 * 1024, 3, 4),
        (65536, 1, 4),
        (65536, 10_000, 4),
        (65536, 3, 0),
    ],
)
def test_absurd_kdf_parameters_are_refused_before_any_work(
    memory_kib: int, time_cost: int, parallelism: int
) -> None:
    params = KdfParams(memory_kib, time_cost, parallelism, bytes(16))
    with pytest.raises(UnsupportedVaultError, match="refused"):
        derive_key("anything", params)
    with pytest.raises(UnsupportedVaultError):
        KdfParams.from_json(params.to_json())


def test_unreadable_kdf_parameters_are_refused() -> None:
    with pytest.raises(UnsupportedVaultError):
        KdfParams.from_json('{"memory_kib": "lots"}')


def test_kdf_params_survive_their_text_form() -> None:
    params = KdfParams.minimum()
    assert KdfParams.from_json(params.to_json()) == params


def test_tuning_grows_memory_until_the_target_time() -> None:
    # Simulated cost like the measured 2-core machine: about 0.11 s per 64 MiB.
    clock = [0.0]
    seen: list[int] = []

    def fake_derive(_passphrase: str, params: KdfParams) -> bytes:
        seen.append(params.memory_kib)
        clock[0] += 0.11 * params.memory_kib / 65536
        return b""

    params = tune_kdf(0.6, timer=lambda: clock[0], derive=fake_derive)
    assert seen == [65536, 131072, 262144]
    assert (params.memory_kib, params.time_cost) == (262144, 3)


def test_tuning_adds_passes_once_memory_is_capped() -> None:
    clock = [0.0]

    def fake_derive(_passphrase: str, params: KdfParams) -> bytes:
        clock[0] += 0.01 * params.time_cost
        return b""

    params = tune_kdf(0.6, max_memory_kib=131072, timer=lambda: clock[0], derive=fake_derive)
    assert params.memory_kib == 131072
    assert params.time_cost == 40  # the cap: never loops for ever on a fast machine


@given(st.binary(min_size=32, max_size=32))
def test_recovery_key_text_round_trips(secret: bytes) -> None:
    key = RecoveryKey(secret)
    text = key.display()
    assert RecoveryKey.looks_like(text)
    assert RecoveryKey.parse(text) == key
    assert RecoveryKey.parse(text.lower().replace("-", " ")) == key


def test_malformed_recovery_keys_are_refused() -> None:
    with pytest.raises(AuthenticationError):
        RecoveryKey.parse("ABCD-EFGH")


# ---- decrypting many rows of one table -------------------------------------------------------------------------


@given(st.binary(max_size=300), st.text(max_size=20), st.text(min_size=1, max_size=20))
def test_a_row_decryptor_reads_what_the_cipher_wrote(plaintext: bytes, prefix: str, suffix: str) -> None:
    cipher = RecordCipher(bytes(range(32)), key_version=3)
    ref = RecordRef("vault", "entries", prefix + suffix, "payload")
    rows = cipher.rows("vault", "entries", prefix, "payload")
    assert rows.ref(suffix) == ref
    assert rows.decrypt(suffix, cipher.encrypt(plaintext, ref)) == plaintext


def test_a_row_decryptor_refuses_what_the_cipher_refuses_with_the_same_message() -> None:
    cipher = RecordCipher(bytes(range(32)))
    rows = cipher.rows("vault", "entries", "c1/", "payload")
    blob = cipher.encrypt(b"secret", RecordRef("vault", "entries", "c1/e1", "payload"))
    flipped = blob[:-1] + bytes([blob[-1] ^ 1])
    for bad, suffix in ((flipped, "e1"), (blob, "e2"), (blob[:10], "e1"), (b"\x09" + blob[1:], "e1")):
        with pytest.raises(IntegrityError) as from_cipher:
            cipher.decrypt(bad, rows.ref(suffix))
        with pytest.raises(IntegrityError) as from_rows:
            rows.decrypt(suffix, bad)
        assert str(from_rows.value) == str(from_cipher.value)
        assert f"entries c1/{suffix}" in str(from_rows.value)
