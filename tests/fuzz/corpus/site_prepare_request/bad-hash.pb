c:'
xyz 0123456789abcdef0123456789abcdef