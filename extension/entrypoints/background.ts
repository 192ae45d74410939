export default defineBackground(() => {
  // The verifier lives here once the LinkedIn overlay lands.
});
