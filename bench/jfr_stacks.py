#!/usr/bin/env python3
"""Shares of JFR execution samples, from `jfr print --events jdk.ExecutionSample --stack-depth 300` text.

usage: jfr_stacks.py STACKS [--without FRAME] [--callers METHOD [--depth N]]
  default      top self and inclusive (org.tusk) methods, in % of the samples kept
  --without    drop samples whose stack contains FRAME (e.g. backend.Warmup.: the pool's synthetic warm-up)
  --callers    the caller chains (N frames, default 3) above METHOD (e.g. heapam.HeapAccessMethod.update)
"""
import argparse, collections, re

FRAME = re.compile(r'^\s*([\w$.<>]+)\(.*line:')

def samples(path, without):
    stack = None
    for line in open(path):
        if line.startswith('jdk.ExecutionSample'):
            if stack and not (without and any(without in f for f in stack)):
                yield stack
            stack = []
        elif stack is not None:
            m = FRAME.match(line)
            if m:
                stack.append(m.group(1).replace('org.tusk.', ''))
    if stack and not (without and any(without in f for f in stack)):
        yield stack

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('stacks')
    ap.add_argument('--without')
    ap.add_argument('--callers')
    ap.add_argument('--depth', type=int, default=3)
    a = ap.parse_args()
    own, within, chains, n = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for stack in samples(a.stacks, a.without):
        n += 1
        own[stack[0]] += 1
        within.update(set(stack))
        if a.callers and a.callers in stack:
            i = stack.index(a.callers)
            chains[' <- '.join(stack[i + 1:i + 1 + a.depth])] += 1
    print(f'{n} samples')
    if a.callers:
        for k, v in chains.most_common(25):
            print(f'{100 * v / n:5.1f}% {k}')
        return
    print('== self ==')
    for k, v in own.most_common(40):
        print(f'{100 * v / n:5.1f}% {k}')
    print('== inclusive (Tusk code) ==')
    for k, v in within.most_common():
        if '.' in k and not k.startswith(('java.', 'jdk.', 'sun.')) and 100 * v / n >= 1.0:
            print(f'{100 * v / n:5.1f}% {k}')

if __name__ == '__main__':
    main()
