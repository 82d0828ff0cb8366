"""Write the driving-data fixture: fixtures/drive_data/val in the course's layout.

The course's driving data is a split folder (`val`) of episode folders, each
holding `info.npz` and one `NNNNN_im.jpg` camera image per frame. `info.npz`
has two members, `track` and `frames`, each a 0-d object array that contains a
pickled dict. This script writes four small episodes in that layout with
seeded values, so the kit's readers can be tested against files NumPy wrote.

It also writes:
- fixtures/drive_data/expected.json: counts, shapes, dtypes and a few values,
  taken from the NumPy arrays written here, for the tests to compare against.
- fixtures/drive_data/val_files.ts: a module that imports every file under
  `val/` as bytes, so tests can build an in-memory file system without
  --allow-read.

Run it by hand from the kit's root folder and commit what it writes:

    /usr/bin/python3 tools/make_drive_fixture.py

Written with Python 3, NumPy 1.24.2, Pillow 9.4 (for the JPEG images) and
PyTorch 1.13 (only for how PyTorch prints the first batch, which lesson 00
prints). NumPy 1.24 pickles object arrays with pickle protocol 3 in `np.savez`.
"""

import json
import pickle
from pathlib import Path

import numpy as np
import torch
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DRIVE_DATA = ROOT / "fixtures" / "drive_data"
SPLIT = DRIVE_DATA / "val"

# Episode folder names follow the course's `<track>_<NN>` pattern; the track
# names are SuperTuxKart tracks, the numbers are made up.
# Each entry: name, frame count, track node count, variant of the layout.
EPISODES = [
    ("cornfield_crossing_04", 9, 8, "stored"),
    ("hacienda_01", 12, 10, "deflated"),
    ("lighthouse_02", 10, 7, "big_endian"),
    ("zengarden_00", 11, 9, "fortran"),
]

# Image size of the stand-in camera images; the course's images are larger.
IMAGE_WIDTH = 8
IMAGE_HEIGHT = 6

SEED = 20240905


def make_track(rng, node_count, variant):
    """Return the `track` dict: path_distance (n, 2), path_nodes (n, 2, 3), path_width (n, 1)."""
    # Centre line points of the track, then each segment's start and end node.
    centre = np.cumsum(rng.uniform(-4.0, 4.0, size=(node_count + 1, 3)), axis=0)
    centre[:, 1] = rng.uniform(0.0, 1.0, size=node_count + 1)
    path_nodes = np.stack([centre[:-1], centre[1:]], axis=1).astype(np.float32)
    lengths = np.linalg.norm(path_nodes[:, 1] - path_nodes[:, 0], axis=1)
    ends = np.cumsum(lengths)
    path_distance = np.stack([ends - lengths, ends], axis=1).astype(np.float32)
    path_width = rng.uniform(8.0, 12.0, size=(node_count, 1)).astype(np.float32)

    if variant == "big_endian":
        path_width = path_width.astype(">f4")
    if variant == "fortran":
        path_nodes = np.asfortranarray(path_nodes)
    return {"path_distance": path_distance, "path_nodes": path_nodes, "path_width": path_width}


def make_frames(rng, frame_count, variant):
    """Return the `frames` dict: one list entry per frame for each key."""
    start = rng.uniform(-50.0, 50.0, size=3)
    steps = rng.uniform(0.2, 1.5, size=(frame_count, 3))
    locations = (start + np.cumsum(steps, axis=0)).astype(np.float32)
    heading = rng.uniform(-1.0, 1.0, size=(frame_count, 3))
    fronts = (locations + heading).astype(np.float32)
    distances = np.cumsum(np.linalg.norm(steps, axis=1))

    frames = {
        "location": [row for row in locations],
        "front": [row for row in fronts],
        # Plain Python floats in three episodes, NumPy float32 scalars in one,
        # so both ways a number can be pickled appear in the fixture.
        "distance_down_track": (
            [np.float32(d) for d in distances] if variant == "deflated" else [float(d) for d in distances]
        ),
        # Stand-ins for further per-frame keys: 4x4 camera matrices named as
        # the course's transform code reads them, and a velocity vector.
        "P": [rng.uniform(-1.0, 1.0, size=(4, 4)).astype(np.float32) for _ in range(frame_count)],
        "V": [rng.uniform(-1.0, 1.0, size=(4, 4)).astype(np.float32) for _ in range(frame_count)],
        "velocity": [rng.uniform(-20.0, 20.0, size=3) for _ in range(frame_count)],
    }
    if variant == "big_endian":
        frames["velocity"] = [row.astype(">f8") for row in frames["velocity"]]
    return frames


def write_image(rng, path):
    pixels = rng.integers(0, 256, size=(IMAGE_HEIGHT, IMAGE_WIDTH, 3), dtype=np.uint8)
    Image.fromarray(pixels, "RGB").save(path, format="JPEG", quality=50)


def stacked(values):
    """Stack per-frame entries as the course's loader does: `np.stack(v)`."""
    return np.stack(values)


def describe(array):
    return {"shape": list(array.shape), "dtype": array.dtype.newbyteorder("=").name}


def as_json_list(array):
    return np.asarray(array, dtype=np.float64).tolist()


def main():
    rng = np.random.default_rng(SEED)
    summary = {"split": "val", "episodes": []}
    all_locations = []

    for name, frame_count, node_count, variant in EPISODES:
        folder = SPLIT / name
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()

        track = make_track(rng, node_count, variant)
        frames = make_frames(rng, frame_count, variant)
        save = np.savez_compressed if variant == "deflated" else np.savez
        save(folder / "info.npz", track=track, frames=frames)
        for index in range(frame_count):
            write_image(rng, folder / f"{index:05d}_im.jpg")

        # Read the archive back the way the course's loader does, so the
        # expected values are what NumPy itself reads from these bytes.
        info = np.load(folder / "info.npz", allow_pickle=True)
        track_read = info["track"].item()
        frames_read = {key: stacked(value) for key, value in info["frames"].item().items()}
        all_locations.append(frames_read["location"])

        summary["episodes"].append(
            {
                "name": name,
                "variant": variant,
                "sample_count": len(frames_read["location"]),
                "image_count": frame_count,
                "track": {key: describe(value) for key, value in track_read.items()},
                "frames": {key: describe(value) for key, value in frames_read.items()},
                "values": {
                    "location_first": as_json_list(frames_read["location"][0]),
                    "location_last": as_json_list(frames_read["location"][-1]),
                    "distance_down_track_last": float(frames_read["distance_down_track"][-1]),
                    "path_nodes_1": as_json_list(track_read["path_nodes"][1]),
                    "path_width_first": float(track_read["path_width"][0, 0]),
                    "velocity_first": as_json_list(frames_read["velocity"][0]),
                },
            }
        )

    # The course's DataLoader batches 32 samples across episode boundaries.
    locations = np.concatenate(all_locations)
    batch = locations[:32]
    summary["sample_count"] = int(len(locations))
    summary["episode_count"] = len(EPISODES)
    summary["batch"] = {
        "size": 32,
        "count": int(-(-len(locations) // 32)),
        "location_shape": list(batch.shape),
        "flattened_shape": list(batch.reshape(-1).shape),
        "location_first": as_json_list(batch[0]),
        "location_last": as_json_list(batch[-1]),
        "flattened_first_four": as_json_list(batch.reshape(-1)[:4]),
        # How PyTorch prints the batch's shapes and its first two samples.
        "shape_text": str(torch.from_numpy(batch).shape),
        "flattened_shape_text": str(torch.from_numpy(batch).reshape(-1).shape),
        "first_two_text": str(torch.from_numpy(batch[:2])),
    }
    (DRIVE_DATA / "expected.json").write_text(json.dumps(summary, indent=2) + "\n")
    write_file_index()


def write_file_index():
    files = sorted(path for path in SPLIT.rglob("*") if path.is_file())
    lines = [
        "// Generated by tools/make_drive_fixture.py: every file under val/ as bytes,",
        "// keyed by its path relative to val/, for an in-memory file system in tests.",
    ]
    for index, path in enumerate(files):
        relative = path.relative_to(DRIVE_DATA).as_posix()
        lines.append(f'import file{index} from "./{relative}" with {{ type: "bytes" }};')
    lines.append("")
    lines.append("/** Bytes of every file under `fixtures/drive_data/val`, keyed by path relative to `val`. */")
    lines.append("export const VAL_FILES: Record<string, Uint8Array> = {")
    for index, path in enumerate(files):
        lines.append(f'  "{path.relative_to(SPLIT).as_posix()}": file{index},')
    lines.append("};")
    (DRIVE_DATA / "val_files.ts").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    assert np.__version__.startswith("1.24"), f"written for NumPy 1.24, found {np.__version__}"
    assert pickle.DEFAULT_PROTOCOL >= 3
    main()
