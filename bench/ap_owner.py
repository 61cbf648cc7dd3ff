#!/usr/bin/env python3
"""User-space samples of the session threads in bench/approf.sh output, by deepest Tusk frame.
usage: bench/ap_owner.py OUT.all [N]"""
import collections,re,sys
def short(f): return re.sub(r'_\[[jik0-9]\]$','',f.replace('org/tusk/','').replace('/','.'))
c=collections.Counter(); tot=0
for line in open(sys.argv[1]):
    st,n=line.rstrip().rsplit(' ',1); n=int(n); fr=st.split(';')
    if not fr[0].startswith('[postgres') or fr[-1].endswith('_[k]'): continue
    tot+=n
    own='?'
    for x in reversed(fr):
        if x.startswith('org/tusk/') and 'Lambda' not in x: own=short(x); break
    c[own]+=n
print(tot)
for k,v in c.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 60): print(f'{100*v/tot:5.1f}% {k}')
