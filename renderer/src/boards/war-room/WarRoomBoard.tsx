import { PlannedBoard } from '../../components/PlannedBoard';

export default function WarRoomBoard() {
  return <PlannedBoard board="warRoom" />;
}
