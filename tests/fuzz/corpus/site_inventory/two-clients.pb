

tokyo-0–

tokyo-1(