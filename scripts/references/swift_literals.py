"""Swift literal printing shared by the reference scripts beside this file."""


def swift_bytes(name, data):
    """Prints `data` as a `private let name: [UInt8]` array literal, 16 bytes a row."""
    rows = [", ".join(f"0x{b:02X}" for b in data[i:i + 16]) for i in range(0, len(data), 16)]
    print(f"private let {name}: [UInt8] = [")
    for row in rows:
        print(f"    {row},")
    print("]\n")
