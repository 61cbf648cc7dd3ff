#!/usr/bin/env python3
"""Reads bench/approf.sh output (collapsed stacks, thread name first, kernel frames ending in _[k]); shares are
in % of the session threads' user-space samples (--all: with kernel samples).
usage: bench/ap_stacks.py OUT.all owners [N]                   user samples by deepest Tusk frame
       bench/ap_stacks.py OUT.all tree METHOD DEPTH [MINPCT]   callee tree under METHOD"""
import collections, re, sys


def short(frame):
    frame = re.sub(r'_\[[jik0-9]\]$', '', frame.replace('org/tusk/', '').replace('/', '.'))
    return re.sub(r'\$\$Lambda\$[0-9]+\.0x[0-9a-f]+', '$$L', frame)   # lambda classes differ per JVM


def session_stacks(path, with_kernel):
    for line in open(path):
        stack, n = line.rstrip().rsplit(' ', 1)
        frames = stack.split(';')
        if not frames[0].startswith('[postgres') or (not with_kernel and frames[-1].endswith('_[k]')):
            continue
        yield frames[1:], int(n)


args = [a for a in sys.argv[1:] if a != '--all']
path, mode = args[0], args[1]
counts, total = collections.Counter(), 0
for frames, n in session_stacks(path, '--all' in sys.argv):
    total += n
    if mode == 'owners':
        owner = next((short(x) for x in reversed(frames) if x.startswith('org/tusk/') and 'Lambda' not in x), '?')
        counts[owner] += n
        continue
    frames = [short(x) for x in frames]
    for i, x in enumerate(frames):
        if args[2] in x:
            for d in range(int(args[3]) + 1):
                below = frames[i + 1:i + 1 + d]
                counts[' > '.join(below) if d else '(total)'] += n
                if len(below) < d:
                    break
            break
print(total, 'samples')
if mode == 'owners':
    for k, v in counts.most_common(int(args[2]) if len(args) > 2 else 60):
        print(f'{100 * v / total:5.1f}% {k}')
else:
    for k, v in sorted(counts.items()):
        if 100 * v / total >= (float(args[4]) if len(args) > 4 else 0.2):
            print(f'{100 * v / total:5.1f}% {"  " * k.count(" > ")}{k.split(" > ")[-1]}')
