"""Argon2id key derivation with parameters stored beside the vault and checked before use.

The parameters in a vault file are untrusted input until the derived key has unwrapped the vault key (whose
associated data includes them). Values outside sane bounds are refused before any work is done, so a crafted
file cannot make the app allocate gigabytes or spin for hours.
"""

from __future__ import annotations

import base64
import json
import os
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw

from clientjournal.errors import UnsupportedVaultError

MIN_MEMORY_KIB = 64 * 1024
MAX_MEMORY_KIB = 2 * 1024 * 1024
MIN_TIME_COST = 3
MAX_TIME_COST = 40
MIN_PARALLELISM = 1
MAX_PARALLELISM = 16
SALT_SIZE = 16
KEY_SIZE = 32


@dataclass(frozen=True, slots=True)
class KdfParams:
    memory_kib: int
    time_cost: int
    parallelism: int
    salt: bytes
    algorithm: str = "argon2id"
    version: int = 19

    def validate(self) -> KdfParams:
        problems = []
        if self.algorithm != "argon2id" or self.version != 19:
            problems.append(f"unsupported key derivation {self.algorithm} v{self.version}")
        if not MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB:
            problems.append(f"memory {self.memory_kib} KiB outside {MIN_MEMORY_KIB}–{MAX_MEMORY_KIB}")
        if not MIN_TIME_COST <= self.time_cost <= MAX_TIME_COST:
            problems.append(f"{self.time_cost} passes outside {MIN_TIME_COST}–{MAX_TIME_COST}")
        if not MIN_PARALLELISM <= self.parallelism <= MAX_PARALLELISM:
            problems.append(f"{self.parallelism} lanes outside {MIN_PARALLELISM}–{MAX_PARALLELISM}")
        if not 16 <= len(self.salt) <= 64:
            problems.append("salt length out of range")
        if problems:
            raise UnsupportedVaultError(
                "the vault asks for key-derivation settings that are refused: " + "; ".join(problems)
            )
        return self

    def to_json(self) -> str:
        """Canonical text, stored in clear and bound into the wrapped vault key's associated data."""
        return json.dumps(
            {
                "algorithm": self.algorithm,
                "version": self.version,
                "memory_kib": self.memory_kib,
                "time_cost": self.time_cost,
                "parallelism": self.parallelism,
                "salt": base64.b64encode(self.salt).decode("ascii"),
            },
            sort_keys=True,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> KdfParams:
        try:
            raw = json.loads(text)
            params = cls(
                memory_kib=int(raw["memory_kib"]),
                time_cost=int(raw["time_cost"]),
                parallelism=int(raw["parallelism"]),
                salt=base64.b64decode(raw["salt"], validate=True),
                algorithm=str(raw["algorithm"]),
                version=int(raw["version"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise UnsupportedVaultError("the vault's key-derivation settings are unreadable") from exc
        return params.validate()

    @classmethod
    def minimum(cls) -> KdfParams:
        """The weakest accepted setting (OWASP's Argon2id floor of 64 MiB and 3 passes)."""
        return cls(MIN_MEMORY_KIB, MIN_TIME_COST, 4, os.urandom(SALT_SIZE))


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC form, so the same passphrase typed on macOS and Windows derives the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    params.validate()
    return hash_secret_raw(
        secret=normalise_passphrase(passphrase),
        salt=params.salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_SIZE,
        type=Type.ID,
    )


def tune_kdf(
    target_seconds: float = 0.6,
    *,
    max_memory_kib: int = 1024 * 1024,
    timer: Callable[[], float] = time.perf_counter,
    derive: Callable[[str, KdfParams], bytes] = derive_key,
) -> KdfParams:
    """Pick parameters that take about ``target_seconds`` here, never below the minimum.

    Memory grows first (it is what makes guessing expensive on GPUs), then passes.
    """
    params = KdfParams.minimum()
    while True:
        started = timer()
        derive("calibration", params)
        elapsed = timer() - started
        if elapsed >= target_seconds * 0.7:
            return params
        if params.memory_kib * 2 <= max_memory_kib:
            params = KdfParams(params.memory_kib * 2, params.time_cost, params.parallelism, params.salt)
        elif params.time_cost < MAX_TIME_COST:
            params = KdfParams(params.memory_kib, params.time_cost + 1, params.parallelism, params.salt)
        else:
            return params
