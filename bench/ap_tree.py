#!/usr/bin/env python3
"""Callee tree under METHOD in bench/approf.sh output, in % of user-space session samples (--all: with kernel).
usage: bench/ap_tree.py OUT.all METHOD DEPTH [MINPCT] [--all]"""
import collections,re,sys
def short(f): return re.sub(r'\$\$Lambda\$[0-9]+\.0x[0-9a-f]+', '$$L', re.sub(r'_\[[jik0-9]\]$','',f.replace('org/tusk/','').replace('/','.')))
f, target, depth = sys.argv[1], sys.argv[2], int(sys.argv[3]); minpct=float(sys.argv[4]) if len(sys.argv)>4 else 0.2
user = '--all' not in sys.argv
c=collections.Counter(); tot=0
for line in open(f):
    st,n=line.rstrip().rsplit(' ',1); n=int(n); fr=st.split(';')
    if not fr[0].startswith('[postgres'): continue
    if user and fr[-1].endswith('_[k]'): continue
    fr=[short(x) for x in fr]; tot+=n
    for i,x in enumerate(fr):
        if target in x:
            for d in range(0,depth+1):
                c[' > '.join(fr[i+1:i+1+d]) if d else '(total)']+=n
                if len(fr[i+1:i+1+d])<d: break
            break
print('==',target)
for k,v in sorted(c.items()):
    if 100*v/tot>=minpct: print(f'{100*v/tot:5.1f}% {"  "*k.count(" > ")}{k.split(" > ")[-1]}')
